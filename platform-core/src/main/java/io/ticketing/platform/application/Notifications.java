package io.ticketing.platform.application;

import io.ticketing.platform.domain.notification.NotificationKind;
import io.ticketing.platform.domain.notification.NotificationRepository;
import io.ticketing.platform.domain.notification.NotificationSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the shop's staff do with its messages: see the backlog and the parked ones, retry a parked one, set the
 * sender name, reply-to and staff alert address, and word messages their own way (previewed with sample data
 * before saving). Every change is in the staff audit log.
 */
@ApplicationScoped
public class Notifications {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Inject
    TenantTransactions transactions;

    @Inject
    NotificationRepository deliveries;

    @Inject
    NotificationSettings settings;

    @Inject
    StaffAuditLog audit;

    public NotificationRepository.Backlog backlog() {
        return transactions.inTransaction(deliveries::backlog);
    }

    /** Deliveries in one status (PENDING, SENT, PARKED), newest first. */
    public List<NotificationRepository.DeliveryView> list(String status, int limit) {
        String wanted = status == null ? "PARKED" : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("PENDING", "SENT", "PARKED").contains(wanted)) {
            throw new InvalidFieldException("status", "status must be PENDING, SENT or PARKED");
        }
        return transactions.inTransaction(() -> deliveries.list(wanted, Math.max(1, Math.min(limit, 500))));
    }

    public List<NotificationRepository.DeliveryView> ofOrder(UUID orderId) {
        return transactions.inTransaction(() -> deliveries.ofOrder(orderId));
    }

    /** Sends a parked delivery again (it goes out with the next round); false when there is no such parked delivery. */
    public boolean retry(StaffAuditLog.Actor actor, long deliveryId) {
        return transactions.inTransaction(() -> {
            boolean queued = deliveries.retry(deliveryId);
            if (queued) {
                audit.add(actor, "notification.retry", "delivery " + deliveryId);
            }
            return queued;
        });
    }

    public NotificationSettings.Sender sender() {
        return transactions.inTransaction(settings::sender);
    }

    public NotificationSettings.Sender changeSender(StaffAuditLog.Actor actor, NotificationSettings.Sender wanted) {
        NotificationSettings.Sender clean = new NotificationSettings.Sender(blankToNull(wanted.senderName()), email("replyTo", wanted.replyTo()),
                email("staffAlerts", wanted.staffAlerts()));
        if (clean.senderName() != null && (clean.senderName().length() > 120 || clean.senderName().matches(".*[\\r\\n<>\"].*"))) {
            throw new InvalidFieldException("senderName", "The sender name must be at most 120 characters, on one line, without < > or \"");
        }
        return transactions.inTransaction(() -> {
            NotificationSettings.Sender before = settings.sender();
            if (!before.equals(clean)) {
                settings.saveSender(clean);
                audit.add(actor, "notification.sender", "sender name " + before.senderName() + " -> " + clean.senderName()
                        + "; reply-to " + before.replyTo() + " -> " + clean.replyTo()
                        + "; staff alerts " + before.staffAlerts() + " -> " + clean.staffAlerts());
            }
            return settings.sender();
        });
    }

    /** A message's wording in one language: the shop's own where it has one ({@code custom}), else the platform's. */
    public record TemplateView(NotificationKind kind, String language, String subject, String body, boolean custom) {
    }

    public TemplateView template(NotificationKind kind, String language) {
        String lang = supported(language);
        return transactions.inTransaction(() -> settings.template(kind, lang)
                .map(t -> new TemplateView(kind, lang, t.subject(), t.body(), true))
                .orElseGet(() -> {
                    MessageTemplates.Wording w = MessageTemplates.defaultWording(kind, lang);
                    return new TemplateView(kind, lang, w.subject(), w.body(), false);
                }));
    }

    /** Renders a wording with sample data, as the preview shows it; refuses (naming the problem) one that cannot be filled in. */
    public MessageTemplates.Rendered preview(NotificationKind kind, String language, String subject, String body) {
        String lang = supported(language);
        checkLengths(subject, body);
        Tenant shop = TenantContext.require();
        return MessageTemplates.render(new MessageTemplates.Wording(subject, body), sampleModel(kind, lang, shop),
                new MessageTemplates.Style(shop.displayName(), shop.branding().primaryColor(), shop.branding().logoUrl()));
    }

    /** Saves the shop's wording after checking that it fills in with the model its messages get. */
    public TemplateView saveTemplate(StaffAuditLog.Actor actor, NotificationKind kind, String language, String subject, String body) {
        String lang = supported(language);
        preview(kind, lang, subject, body);
        return transactions.inTransaction(() -> {
            Optional<NotificationSettings.Template> before = settings.template(kind, lang);
            if (before.isEmpty() || !Objects.equals(before.get().subject(), subject) || !Objects.equals(before.get().body(), body)) {
                settings.saveTemplate(new NotificationSettings.Template(kind, lang, subject, body), actor.email());
                audit.add(actor, "notification.template", kind.key() + " " + lang + (before.isEmpty() ? " customised" : " changed")
                        + "; subject: " + before.map(NotificationSettings.Template::subject).orElse("(default)") + " -> " + subject);
            }
            return new TemplateView(kind, lang, subject, body, true);
        });
    }

    /** Back to the platform's wording; false when the shop had none of its own. */
    public boolean resetTemplate(StaffAuditLog.Actor actor, NotificationKind kind, String language) {
        String lang = supported(language);
        return transactions.inTransaction(() -> {
            boolean removed = settings.deleteTemplate(kind, lang);
            if (removed) {
                audit.add(actor, "notification.template", kind.key() + " " + lang + " back to the default");
            }
            return removed;
        });
    }

    private static String supported(String language) {
        if (language == null || !MessageTemplates.LANGUAGES.contains(language)) {
            throw new InvalidFieldException("language", "language must be one of " + MessageTemplates.LANGUAGES);
        }
        return language;
    }

    private static void checkLengths(String subject, String body) {
        if (subject == null || subject.isBlank() || subject.length() > MessageTemplates.MAX_SUBJECT) {
            throw new InvalidFieldException("subject", "The subject must be 1 to " + MessageTemplates.MAX_SUBJECT + " characters");
        }
        if (body == null || body.isBlank() || body.length() > MessageTemplates.MAX_BODY) {
            throw new InvalidFieldException("body", "The body must be 1 to " + MessageTemplates.MAX_BODY + " characters");
        }
    }

    private static String email(String field, String value) {
        String v = blankToNull(value);
        if (v != null && (v.length() > 254 || !EMAIL.matcher(v).matches())) {
            throw new InvalidFieldException(field, field + " must be an e-mail address such as box@example.com");
        }
        return v;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The model a message of this kind gets, filled with made-up data: what the preview renders and saving checks against. */
    static Map<String, Object> sampleModel(NotificationKind kind, String language, Tenant shop) {
        boolean de = language.equals("de");
        boolean zh = language.equals("zh-CN");
        String link = "https://" + (shop.hosts().isEmpty() ? "shop.example" : shop.hosts().get(0)) + "/";
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(Map.of("name", zh ? "普通票" : de ? "Stehplatz" : "Standing", "quantity", "2", "amount", zh ? "¥360.00" : de ? "60,00 €" : "€60.00"));
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("number", "1A2B3C4D");
        order.put("link", link + "orders/sample");
        order.put("manageLink", link + "manage/");
        order.put("total", zh ? "¥360.00" : de ? "60,00 €" : "€60.00");
        order.put("discount", zh ? "¥0.00" : de ? "0,00 €" : "€0.00");
        order.put("discounted", false);
        order.put("tickets", "2");
        order.put("lines", lines);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("shop", Map.of("name", shop.displayName(), "link", link));
        model.put("buyer", Map.of("name", zh ? "李华" : de ? "Erika Mustermann" : "Ada Lovelace"));
        model.put("order", order);
        model.put("events", List.of(Map.of("title", zh ? "夏日音乐会" : de ? "Sommerkonzert" : "Summer concert",
                "when", zh ? "2027年6月12日星期六 20:00 (CST)" : de ? "Samstag, 12. Juni 2027, 20:00 (MESZ)" : "Saturday, June 12, 2027, 8:00 PM (CEST)",
                "venue", zh ? "大剧院" : de ? "Stadthalle" : "City Hall", "address", zh ? "人民大道 1 号" : de ? "Marktplatz 1, Bonn" : "1 Market Square, Bonn")));
        if (kind == NotificationKind.REFUND_CONFIRMATION) {
            model.put("refund", Map.of("amount", order.get("total"), "ticketsVoided", true));
        }
        if (kind == NotificationKind.ORDER_FLAGGED) {
            model.put("reason", "paid 50.00 EUR for a total of 60.00 EUR");
        }
        if (kind == NotificationKind.PROMOTION) {
            model.put("promotion", Map.of("subject", zh ? "新演出开售" : de ? "Neue Termine" : "New dates on sale",
                    "body", zh ? "秋季演出现已开售。" : de ? "Die Herbsttermine sind jetzt im Verkauf." : "The autumn dates are on sale now."));
            model.put("unsubscribe", Map.of("link", link + "unsubscribe/sample"));
        }
        if (kind == NotificationKind.SCHEDULED_REPORT) {
            model.put("report", sampleReport(de, zh, link));
        }
        return model;
    }

    private static Map<String, Object> sampleReport(boolean de, boolean zh, String link) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("period", zh ? "2027年3月22日 – 2027年3月28日" : de ? "22.03.2027 – 28.03.2027" : "Mar 22, 2027 – Mar 28, 2027");
        report.put("zone", "Europe/Berlin");
        report.put("weekly", true);
        report.put("format", "PDF");
        report.put("fileName", "sales-shop-2027-03-22-2027-03-28.pdf");
        report.put("attached", true);
        report.put("tooLarge", false);
        report.put("maxSize", "10 MB");
        report.put("filtered", true);
        report.put("scope", zh ? "夏日音乐会" : de ? "Sommerkonzert" : "Summer concert");
        report.put("totals", List.of(Map.of("currency", "EUR", "orders", "12", "tickets", "30",
                "gross", zh ? "€900.00" : de ? "900,00 €" : "€900.00", "discounts", zh ? "€45.00" : de ? "45,00 €" : "€45.00",
                "refunds", zh ? "€30.00" : de ? "30,00 €" : "€30.00", "net", zh ? "€825.00" : de ? "825,00 €" : "€825.00")));
        report.put("link", link + "manage/finance/index.xhtml?from=2027-03-22&to=2027-03-28&zone=Europe%2FBerlin");
        report.put("subscriptionsLink", link + "manage/finance/index.xhtml#subscriptions");
        return report;
    }
}
