package io.ticketing.platform.devrun;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ticketing.platform.testsupport.MailServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The launcher's mailbox in the browser: every mail the platform sent to its GreenMail, newest first, each
 * opened as the buyer would see it (the HTML part), or as its raw source. Development only, on loopback.
 */
final class DevMailbox implements AutoCloseable {

    private final HttpServer server;
    private final MailServer mail;

    DevMailbox(MailServer mail, int port) throws IOException {
        this.mail = mail;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            List<MimeMessage> received = mail.received();
            if (path.equals("/")) {
                StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mailbox</title>"
                        + "<style>body{font-family:sans-serif;margin:2rem}td,th{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #ddd}</style>"
                        + "</head><body><h1>Mail the platform sent (" + received.size() + ")</h1><table><tr><th>To</th><th>Subject</th><th>From</th><th></th></tr>");
                for (int i = received.size() - 1; i >= 0; i--) {
                    MimeMessage m = received.get(i);
                    page.append("<tr><td>").append(escape(MailServer.recipients(m))).append("</td><td><a href=\"/m/").append(i).append("\">")
                            .append(escape(subject(m))).append("</a></td><td>").append(escape(from(m))).append("</td><td><a href=\"/m/")
                            .append(i).append(".eml\">source</a></td></tr>");
                }
                send(exchange, 200, "text/html", page.append("</table></body></html>").toString().getBytes(StandardCharsets.UTF_8));
            } else if (path.matches("/m/\\d+(\\.eml)?")) {
                int n = Integer.parseInt(path.replaceAll("\\D", ""));
                if (n >= received.size()) {
                    send(exchange, 404, "text/plain", "No such mail".getBytes(StandardCharsets.UTF_8));
                } else if (path.endsWith(".eml")) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    received.get(n).writeTo(raw);
                    send(exchange, 200, "text/plain; charset=utf-8", raw.toByteArray());
                } else {
                    String html = part(received.get(n).getContent(), received.get(n).getContentType(), "text/html");
                    String body = html != null ? html
                            : "<pre>" + escape(String.valueOf(part(received.get(n).getContent(), received.get(n).getContentType(), "text/plain"))) + "</pre>";
                    send(exchange, 200, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                send(exchange, 404, "text/plain", "Not found".getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            send(exchange, 500, "text/plain", ("Could not read the mail: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String part(Object content, String type, String wanted) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String found = part(part.getContent(), part.getContentType(), wanted);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return content instanceof String text && type.toLowerCase().startsWith(wanted) ? text : null;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String subject(MimeMessage m) throws Exception {
        return m.getSubject() == null ? "(no subject)" : m.getSubject();
    }

    private static String from(MimeMessage m) throws Exception {
        return m.getFrom() == null ? "" : String.valueOf(m.getFrom()[0]);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
