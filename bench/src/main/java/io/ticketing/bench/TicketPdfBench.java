package io.ticketing.bench;

import io.ticketing.platform.application.TicketPrint;
import io.ticketing.platform.domain.order.PrintableTicket;
import io.ticketing.platform.domain.order.TicketPass;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.reporting.tickets.JasperTicketRenderer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PDF tickets rendered per second by the JasperReports renderer alone (no database, no HTTP): one PDF per
 * ticket as the confirmation mail attaches them, and one PDF per order of four tickets as the order page's
 * download gives them; on one thread and on as many threads as cores. Chinese and Latin text alternate, so
 * the embedded font subset is that of a real shop. Writes bench/results/ticket-pdf.json and prints a table.
 * Settings: {@code bench.tickets} (2000 per case), {@code bench.warmup} (300).
 */
public final class TicketPdfBench {

    private TicketPdfBench() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = Integer.getInteger("bench.tickets", 2000);
        int warmup = Integer.getInteger("bench.warmup", 300);
        int cores = Runtime.getRuntime().availableProcessors();
        JasperTicketRenderer renderer = new JasperTicketRenderer();
        Function<byte[], byte[]> mac = hmac();

        run(renderer, mac, 1, 1, warmup);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int perPdf : List.of(1, 4)) {
            for (int threads : List.of(1, cores)) {
                rows.add(run(renderer, mac, perPdf, threads, tickets));
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("tickets_per_case", tickets);
        settings.put("warmup_tickets", warmup);
        BenchPlatform.writeJson("ticket-pdf", settings, rows, "JasperTicketRenderer in one JVM (JDK " + Runtime.version().feature()
                + ", JasperReports 7.0.6, OpenPDF 1.3.43, Noto Sans SC embedded), no database or HTTP");
        System.out.println("| tickets per PDF | threads | tickets/s | PDFs/s | ms per PDF p50 | p95 | KB per PDF |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Map<String, Object> r : rows) {
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", r.get("tickets_per_pdf"), r.get("threads"), r.get("tickets_per_s"),
                    r.get("pdfs_per_s"), r.get("ms_per_pdf_p50"), r.get("ms_per_pdf_p95"), r.get("kb_per_pdf"));
        }
    }

    private static Map<String, Object> run(JasperTicketRenderer renderer, Function<byte[], byte[]> mac, int perPdf, int threads,
                                           int tickets) throws Exception {
        int pdfs = tickets / perPdf;
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        List<Long> sizes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < pdfs; i++) {
                TicketPrint print = print(i, perPdf, mac);
                work.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    byte[] pdf = renderer.pdf(print);
                    millis.add((System.nanoTime() - t0) / 1e6);
                    sizes.add((long) pdf.length);
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tickets_per_pdf", perPdf);
        row.put("threads", threads);
        row.put("tickets_per_s", Math.round(pdfs * perPdf / seconds));
        row.put("pdfs_per_s", Math.round(pdfs / seconds));
        row.put("ms_per_pdf_p50", Math.round(Percentiles.of(millis, 50, 0.0) * 10) / 10.0);
        row.put("ms_per_pdf_p95", Math.round(Percentiles.of(millis, 95, 0.0) * 10) / 10.0);
        row.put("kb_per_pdf", sizes.stream().mapToLong(Long::longValue).sum() / sizes.size() / 1024);
        return row;
    }

    /** The i-th order: every other one in Chinese, with a Chinese holder and title. */
    private static TicketPrint print(int i, int perPdf, Function<byte[], byte[]> mac) {
        boolean chinese = i % 2 == 0;
        List<TicketPrint.Ticket> tickets = new ArrayList<>();
        for (int t = 0; t < perPdf; t++) {
            String code = String.format("%032X", (long) i * 16 + t);
            PrintableTicket ticket = new PrintableTicket(code, chinese ? "春节联欢音乐会 " + i : "Spring Gala " + i,
                    Instant.parse("2027-02-06T11:30:00Z"), ZoneId.of("Asia/Shanghai"), "Lotus Hall", "88 Nanjing Road", "Shanghai", "CN",
                    chinese ? "池座" : "Stalls", chinese ? "王小明" : "Ada Lovelace", Money.ofMinor(18800, "CNY"));
            tickets.add(new TicketPrint.Ticket(ticket, new TicketPass("bench", code).encode(mac)));
        }
        return new TicketPrint("Lotus Hall 莲花厅", "#b3261e", null, chinese ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH,
                "6f1c2a9e-0b7d-4a43-9a51-1d1e3f5a7c20", tickets);
    }

    private static Function<byte[], byte[]> hmac() {
        return data -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec("bench".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return m.doFinal(data);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
