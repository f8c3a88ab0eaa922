package io.ticketing.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A closed-loop GET load in the manner of wrk: {@code clients} threads, each with one keep-alive
 * HTTP/1.1 connection per node, sending the next request as soon as the last answer is read, for a
 * fixed time; requests alternate over the nodes. Plain sockets and a minimal parser rather than the
 * JDK's HttpClient, because the load generator shares the machine's two cores with the nodes: every
 * CPU cycle it spends is one the server under test does not get.
 */
final class KeepAliveLoad {

    /** Pseudo-header of an {@link Answer}: the names of the cookies it sets, space-separated. */
    static final String COOKIE_NAMES = "set-cookie names";

    /** One GET as sent: the path and the Host header. */
    record Target(String path, String host) {
    }

    /** One answer, read whole. */
    record Answer(int status, byte[] body, Map<String, String> headers) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What a timed run saw: latencies in ns, answers by status (non-200 and exceptions as errors), wall time. */
    static final class Result {
        final long[] latenciesNanos;
        final Map<String, Integer> errors;
        final long requests;
        final double seconds;
        final long bytes;

        Result(long[] latenciesNanos, Map<String, Integer> errors, long requests, double seconds, long bytes) {
            this.latenciesNanos = latenciesNanos;
            this.errors = errors;
            this.requests = requests;
            this.seconds = seconds;
            this.bytes = bytes;
        }

        double percentileMillis(int p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1; // nearest rank, as Percentiles
            return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
        }
    }

    private KeepAliveLoad() {
    }

    /** Runs {@code clients} connections against the nodes' ports for {@code seconds}. */
    static Result run(List<Integer> ports, Target target, int clients, double seconds) throws InterruptedException {
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        long[][] perClient = new long[clients][];
        int[] counts = new int[clients];
        long[] bytes = new long[clients];
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                Connection[] connections = new Connection[ports.size()];
                byte[] request = request(target);
                try {
                    // Clients start on different nodes so that both are busy from the first request.
                    for (long i = client; System.nanoTime() < end; i++) {
                        int node = (int) (i % ports.size());
                        long t0 = System.nanoTime();
                        try {
                            if (connections[node] == null) {
                                connections[node] = new Connection(ports.get(node));
                            }
                            Answer a = connections[node].send(request);
                            bytes[client] += a.body().length;
                            if (a.status() != 200) {
                                errors.merge("HTTP " + a.status(), 1, Integer::sum);
                            }
                            if ("close".equalsIgnoreCase(a.headers().get("connection"))) {
                                connections[node].close();
                                connections[node] = null;
                            }
                        } catch (IOException | RuntimeException e) {
                            errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                            if (connections[node] != null) {
                                connections[node].close();
                                connections[node] = null;
                            }
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                } finally {
                    for (Connection connection : connections) {
                        if (connection != null) {
                            connection.close();
                        }
                    }
                    perClient[client] = mine;
                    counts[client] = n;
                }
            }, "load-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(all, errors, total, wall, Arrays.stream(bytes).sum());
    }

    /** One request on a fresh connection, for checking what a target answers before it is measured. */
    static Answer once(int port, Target target) throws IOException {
        Connection connection = new Connection(port);
        try {
            return connection.send(request(target));
        } finally {
            connection.close();
        }
    }

    private static byte[] request(Target target) {
        return ("GET " + target.path() + " HTTP/1.1\r\nHost: " + target.host() + "\r\nAccept: text/html,*/*\r\n"
                + "Accept-Language: en\r\nUser-Agent: storefront-bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One keep-alive connection: writes a request, reads the status line, headers and the body (length or chunked). */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }

        Answer send(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.")) {
                throw new IOException("not HTTP: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            Map<String, String> headers = new java.util.HashMap<>();
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).strip();
                headers.merge(name, value, (a, b) -> a + ", " + b);
                if (name.equals("set-cookie")) { // cookie values and dates contain commas: the names kept apart
                    headers.merge(COOKIE_NAMES, value.substring(0, Math.max(0, value.indexOf('='))), (a, b) -> a + " " + b);
                }
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    all.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
                body = all.toByteArray();
            } else if (headers.containsKey("content-length")) {
                int length = Integer.parseInt(headers.get("content-length"));
                body = in.readNBytes(length);
                if (body.length < length) {
                    throw new EOFException("body cut short");
                }
            } else {
                body = in.readAllBytes(); // no length: the body runs to the connection's end
                headers.put("connection", "close");
            }
            return new Answer(code, body, headers);
        }

        private int chunkSize() throws IOException {
            String size = line();
            int semicolon = size.indexOf(';');
            return Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed");
                }
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
