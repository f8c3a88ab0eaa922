package io.ticketing.reporting.tickets;

import io.ticketing.platform.application.TicketPrint;
import io.ticketing.platform.application.TicketRenderer;
import io.ticketing.platform.domain.order.PrintableTicket;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.engine.util.JRLoader;

/**
 * PDF tickets laid out by {@code ticket.jrxml} (compiled when the module is built), a page per ticket,
 * with the Noto Sans SC font embedded so Chinese names and titles print as themselves.
 */
@ApplicationScoped
public class JasperTicketRenderer implements TicketRenderer {

    static final String BUNDLE = "io.ticketing.reporting.ticket";
    private static final String LAYOUT = "/io/ticketing/reporting/ticket.jasper";

    private final Function<String, Optional<BufferedImage>> logos;

    public JasperTicketRenderer() {
        this(new LogoImages()::logo);
    }

    /** With the shop's logo found another way (tests). */
    JasperTicketRenderer(Function<String, Optional<BufferedImage>> logos) {
        this.logos = logos;
    }

    @Override
    public byte[] pdf(TicketPrint print) {
        Locale locale = print.locale();
        // No fall-back to the server's own language: a language without labels gets the English ones.
        ResourceBundle labels = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        DateTimeFormatter when = DateTimeFormatter.ofPattern(labels.getString("ticket.when"), locale);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("shopName", print.shopName());
        parameters.put("brandColor", print.brandColor());
        parameters.put("brandTextColor", readableOn(print.brandColor()));
        parameters.put("logo", LogoImages.uploaded(print.uploadedLogo()).or(() -> logos.apply(print.logoUrl())).orElse(null));
        parameters.put(JRParameter.REPORT_LOCALE, locale);
        parameters.put(JRParameter.REPORT_RESOURCE_BUNDLE, labels);
        List<Map<String, ?>> rows = new ArrayList<>();
        for (TicketPrint.Ticket ticket : print.tickets()) {
            PrintableTicket t = ticket.ticket();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("eventTitle", t.eventTitle());
            row.put("startsAt", when.format(t.startsAt().atZone(t.timeZone())));
            row.put("venue", venue(t));
            row.put("ticketType", t.ticketType());
            row.put("holder", t.holder() == null || t.holder().isBlank() ? "—" : t.holder());
            row.put("price", t.price().format(locale));
            row.put("code", grouped(t.code()));
            row.put("qr", QrCodes.of(ticket.pass()));
            row.put("orderNumber", print.orderNumber());
            rows.add(row);
        }
        try {
            JasperPrint filled = JasperFillManager.fillReport(Layout.TICKET, parameters, new JRMapCollectionDataSource(rows));
            return JasperExportManager.exportReportToPdf(filled);
        } catch (JRException e) {
            throw new IllegalStateException("The tickets of order " + print.orderNumber() + " could not be laid out", e);
        }
    }

    private static String venue(PrintableTicket t) {
        String place = java.util.stream.Stream.of(t.venueCity(), t.venueCountry())
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", "));
        return java.util.stream.Stream.of(t.venueName(), t.venueAddress(), place)
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining("\n"));
    }

    /** The code as printed under the QR code, in groups of four for typing (the check-in reads it without the spaces). */
    static String grouped(String code) {
        return IntStream.range(0, (code.length() + 3) / 4)
                .mapToObj(i -> code.substring(i * 4, Math.min(code.length(), i * 4 + 4)))
                .collect(Collectors.joining(" "));
    }

    /** White on dark colours, near-black on light ones: whichever contrasts more (WCAG relative luminance). */
    public static String readableOn(String hex) {
        Color c = Color.decode(hex);
        double luminance = 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
        return luminance > 0.2 ? "#1F2328" : "#FFFFFF";
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** Loaded on first use, once: a compiled layout is read-only and filled by many threads at once. */
    private static final class Layout {
        static final JasperReport TICKET = load();
    }

    private static JasperReport load() {
        try (InputStream in = JasperTicketRenderer.class.getResourceAsStream(LAYOUT)) {
            if (in == null) {
                throw new IllegalStateException(LAYOUT + " is missing: the reporting module was built without its layouts");
            }
            return (JasperReport) JRLoader.loadObject(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JRException e) {
            throw new IllegalStateException("Cannot load " + LAYOUT, e);
        }
    }
}
