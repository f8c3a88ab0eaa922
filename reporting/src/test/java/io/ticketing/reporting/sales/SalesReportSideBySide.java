package io.ticketing.reporting.sales;

import io.ticketing.platform.application.SalesReportWriter;
import io.ticketing.platform.domain.report.ReadSource;
import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.SalesLine;
import io.ticketing.platform.domain.report.SalesReport;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two builds of the sales report writer side by side in one JVM, so that a noisy shared machine slows both alike:
 * each build's reporting classes and Jasper jars in a class loader of their own, the same synthetic lines (made as
 * the cursor would hand them over, never all in the heap), rounds alternating which build goes first. Prints wall
 * time and heap peaks per build and format. Not a test; run by hand, e.g. at -Xmx512m:
 * <pre>
 * java -Xmx512m -cp test-classes:platform-core-classes io.ticketing.reporting.sales.SalesReportSideBySide \
 *     LINES ROUNDS FORMATS OUT_DIR name=classpath name=classpath...
 * </pre>
 */
public final class SalesReportSideBySide {

    private static final String[] NAMES = {"Jörg Müßig", "张伟", "Ολυμπία Παπαδοπούλου", "Émile Zola", "李娜",
            "Ingrid Ødegård", "Сергей Иванов", "Zoë O'Brien", "王小明", "Ana María García"};

    private SalesReportSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int lineCount = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<ReportFormat> formats = List.of(args[2].split(",")).stream().map(ReportFormat::valueOf).toList();
        Path outDir = Path.of(args[3]);
        Files.createDirectories(outDir);
        Map<String, ClassLoader> builds = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] nameAndPath = args[i].split("=", 2);
            List<URL> urls = new ArrayList<>();
            for (String entry : nameAndPath[1].split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            builds.put(nameAndPath[0], new URLClassLoader(urls.toArray(URL[]::new), SalesReportSideBySide.class.getClassLoader()));
        }
        SalesReport report = summaryOf(lineCount);
        System.out.printf("%d lines, %d rounds, heap max %d MB%n", lineCount, rounds,
                Runtime.getRuntime().maxMemory() >> 20);
        List<String> names = new ArrayList<>(builds.keySet());
        // a first small report per build and format loads classes, fonts and layouts
        for (String name : names) {
            for (ReportFormat format : formats) {
                run(builds.get(name), report, format, 500, outDir.resolve("warm-up"));
            }
        }
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(names);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (ReportFormat format : formats) {
                for (String name : order) {
                    Path out = outDir.resolve(name + "." + format.name().toLowerCase(Locale.ROOT));
                    Result r = run(builds.get(name), report, format, lineCount, out);
                    System.out.printf("round %d %-10s %-4s %6.1f s  heap peak sampled %4d MB, pools %4d MB, old gen %4d MB  %5.1f MB file%n",
                            round + 1, name, format, r.seconds(), r.sampledPeakMb(), r.poolPeakMb(), r.oldPeakMb(),
                            Files.size(out) / 1048576.0);
                }
            }
        }
    }

    record Result(double seconds, long sampledPeakMb, long poolPeakMb, long oldPeakMb) {
    }

    private static Result run(ClassLoader build, SalesReport report, ReportFormat format, int lineCount, Path file)
            throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(build);
        try {
            SalesReportWriter writer = (SalesReportWriter) build.loadClass("io.ticketing.reporting.sales.SalesReportDocuments")
                    .getConstructor().newInstance();
            System.gc();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            AtomicLong sampled = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    sampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                writer.write(report, format, Locale.ENGLISH, lines(lineCount), out);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            long pools = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long old = heapPools.stream().filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Result(seconds, sampled.get() >> 20, pools >> 20, old >> 20);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The report's summary over all lines, added up once as the database would. */
    private static SalesReport summaryOf(int lineCount) {
        List<SalesLine> all = new ArrayList<>(lineCount);
        lines(lineCount).forEachRemaining(all::add);
        return SalesFixture.report(all, ReadSource.REPLICA);
    }

    /** Lines as ReportsBench seeds them: ten events in two currencies, a tenth with a coupon, some refunded. */
    static Iterator<SalesLine> lines(int count) {
        Instant now = Instant.parse("2027-03-07T12:00:00Z");
        return new Iterator<>() {
            private int order;
            private int lineOfOrder;
            private int made;

            @Override
            public boolean hasNext() {
                return made < count;
            }

            @Override
            public SalesLine next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = order;
                int k = lineOfOrder;
                int linesOfOrder = i % 3 == 0 ? 2 : 1;
                if (++lineOfOrder == linesOfOrder) {
                    lineOfOrder = 0;
                    order++;
                }
                made++;
                int event = i % 10;
                boolean euro = event < 5;
                boolean withCoupon = i % 10 == 3;
                boolean fully = i % 50 == 7;
                boolean partly = !fully && i % 20 == 9;
                long price = (euro ? 4900 : 38800) + k * (euro ? 4000 : 30000);
                int quantity = 1 + (i + k) % 4;
                long gross = price * quantity;
                long discount = withCoupon ? gross / 10 : 0;
                long refund = fully ? gross - discount : partly && k == 0 ? (gross - discount) / quantity : 0;
                return new SalesLine(new UUID(0x5EEDL << 32 | i, i), Integer.toString(100_000 + i),
                        now.minusSeconds((i % 6) * 86_400L + 60 + i % 80_000), NAMES[i % NAMES.length],
                        "buyer" + i % 1000 + "@bench.test", (euro ? "Konzert " : "音乐会 ") + event,
                        k == 0 ? "Standard" : "Premium", quantity, fully ? quantity : partly && k == 0 ? 1 : 0,
                        euro ? "EUR" : "CNY", price, gross, discount, refund, withCoupon ? "BENCH10" : null,
                        i % 4 == 0 ? "stripe" : "sandbox", fully ? "REFUNDED" : partly ? "PARTIALLY_REFUNDED" : "PAID");
            }
        };
    }
}
