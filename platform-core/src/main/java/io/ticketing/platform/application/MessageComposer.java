package io.ticketing.platform.application;

import io.ticketing.platform.domain.notification.NotificationKind;
import io.ticketing.platform.domain.notification.NotificationRepository;
import io.ticketing.platform.domain.notification.NotificationRepository.Delivery;
import io.ticketing.platform.domain.notification.NotificationSettings;
import io.ticketing.platform.domain.notification.PromotionRepository;
import io.ticketing.platform.domain.order.OrderRepository;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.PricedLine;
import io.ticketing.platform.domain.order.TicketRepository;
import io.ticketing.platform.domain.report.ReportSubscription;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.platform.notification.spi.NotificationChannelFactory.Medium;
import io.ticketing.platform.notification.spi.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a claimed delivery into the message to send: who it goes to, the model its template sees (strings,
 * lists and maps of this one message only), the shop's wording or the platform's, and its attachments.
 * Runs inside the delivery's tenant transaction.
 */
@ApplicationScoped
public class MessageComposer {

    @Inject
    OrderRepository orders;

    @Inject
    NotificationRepository deliveries;

    @Inject
    NotificationSettings settings;

    @Inject
    TicketRepository tickets;

    @Inject
    OrderService orderLinks;

    @Inject
    PromotionRepository promotions;

    @Inject
    Promotions promotionLinks;

    @Inject
    TicketDocuments ticketDocuments;

    @Inject
    ScheduledReports scheduledReports;

    /** A delivery that must not go out after all (the buyer unsubscribed since it was queued). */
    public static final class NotToBeSent extends RuntimeException {
        NotToBeSent(String why) {
            super(why);
        }
    }

    public OutgoingMessage compose(Delivery d) {
        Tenant shop = TenantContext.require();
        NotificationSettings.Sender sender = settings.sender();
        String language = MessageTemplates.language(d.language());
        Locale locale = Locale.forLanguageTag(language);
        JsonObject payload = d.payload() == null ? JsonFields.JSON.createObjectBuilder().build()
                : JsonFields.JSON.createReader(new StringReader(d.payload())).readObject();
        String to;
        String toName = null;
        Map<String, Object> model;
        Map<String, String> headers = Map.of();
        List<OutgoingMessage.Attachment> attachments = List.of();
        if (d.kind() == NotificationKind.SCHEDULED_REPORT) {
            // about no order: the report is made now, for the subscriber, while they are still subscribed
            ReportSubscription subscription = scheduledReports.subscriptionOf(payload)
                    .orElseThrow(() -> new NotToBeSent("the subscription was cancelled after the report was queued"));
            ScheduledReports.Mail mail = scheduledReports.mail(subscription, payload, locale);
            to = d.recipient();
            model = new LinkedHashMap<>();
            model.put("shop", map("name", shop.displayName(), "link", subscription.shopUrl() == null ? "" : subscription.shopUrl()));
            model.put("report", mail.model());
            attachments = mail.attachments();
        } else if (d.kind().toStaff()) {
            to = d.recipient();
            model = orderModel(shop, d.orderId(), null, locale);
            model.put("reason", payload.getString("why", ""));
        } else {
            OrderRepository.Contact contact = orders.contact(d.orderId())
                    .orElseThrow(() -> new IllegalStateException("Order " + d.orderId() + " is gone"));
            if (Medium.SMS.name().equals(d.channel())) {
                return sms(shop, sender, d, contact, locale, language);
            }
            to = contact.email();
            toName = contact.name();
            model = orderModel(shop, d.orderId(), contact, locale);
            if (d.kind() == NotificationKind.REFUND_CONFIRMATION) {
                OrderView order = orders.find(d.orderId()).orElseThrow();
                Money amount = Money.ofMinor(payload.getJsonNumber("amountMinor").longValue(),
                        order.total().currency().getCurrencyCode());
                boolean voided = tickets.ofOrder(d.orderId()).stream().anyMatch(t -> !t.valid());
                model.put("refund", map("amount", amount.format(locale), "ticketsVoided", voided));
            }
            if (d.kind() == NotificationKind.PURCHASE_CONFIRMATION) {
                attachments = tickets(d.orderId(), locale);
            }
            if (d.kind() == NotificationKind.PROMOTION) {
                if (promotions.unsubscribedSince(d.orderId())) {
                    throw new NotToBeSent("unsubscribed after the promotion was queued");
                }
                PromotionRepository.Promotion promotion = promotions.find(payload.getJsonNumber("promotionId").longValue()).orElseThrow();
                String token = promotionLinks.tokenOf(d.orderId());
                String base = contact.shopUrl() == null ? "" : contact.shopUrl();
                model.put("promotion", map("subject", promotion.subject(), "body", promotion.body()));
                model.put("unsubscribe", map("link", base + "unsubscribe?t=" + token));
                // RFC 8058: mail programs offer an unsubscribe button that POSTs here, no page in between.
                headers = Map.of("List-Unsubscribe", "<" + base + "api/unsubscribe/" + token + ">",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        }
        MessageTemplates.Rendered rendered = MessageTemplates.render(MessageTemplates.wording(settings, d.kind(), language), model,
                new MessageTemplates.Style(shop.displayName(), shop.branding().primaryColor(), shop.branding().logoUrl()));
        String fromName = sender.senderName() == null || sender.senderName().isBlank() ? shop.displayName() : sender.senderName();
        return new OutgoingMessage(d.messageId(), to, toName, fromName, sender.replyTo(), rendered.subject(), rendered.text(),
                rendered.html(), attachments, headers);
    }

    /** One PDF per valid ticket, each with its signed QR code; none when the order was refunded before the mail went. */
    private List<OutgoingMessage.Attachment> tickets(UUID orderId, Locale locale) {
        try {
            return ticketDocuments.ticketPdfs(orders.find(orderId).orElseThrow(), locale).stream()
                    .map(t -> new OutgoingMessage.Attachment(t.fileName(), "application/pdf", t.pdf())).toList();
        } catch (TicketsNotIssuedException refundedSince) {
            return List.of();
        }
    }

    /** The SMS of a delivery: the platform's short wording, in the buyer's language, to the number they gave. */
    private OutgoingMessage sms(Tenant shop, NotificationSettings.Sender sender, Delivery d, OrderRepository.Contact contact,
                                Locale locale, String language) {
        if (contact.phone() == null) {
            throw new NotToBeSent("the order has no phone number any more (erased)");
        }
        String wording = MessageTemplates.smsWording(d.kind(), language)
                .orElseThrow(() -> new IllegalStateException("No SMS wording for " + d.kind().key()));
        String text = MessageTemplates.renderSms(wording, orderModel(shop, d.orderId(), contact, locale));
        String fromName = sender.senderName() == null || sender.senderName().isBlank() ? shop.displayName() : sender.senderName();
        return new OutgoingMessage(d.messageId(), contact.phone(), contact.name(), fromName, null, "", text, null, List.of(), Map.of());
    }

    /** What every message about an order may show: the shop, the buyer, the order and its events, formatted for the reader. */
    private Map<String, Object> orderModel(Tenant shop, UUID orderId, OrderRepository.Contact contact, Locale locale) {
        OrderView order = orders.find(orderId).orElseThrow(() -> new IllegalStateException("Order " + orderId + " is gone"));
        String shopUrl = contact != null && contact.shopUrl() != null ? contact.shopUrl()
                : orders.contact(orderId).map(OrderRepository.Contact::shopUrl).orElse("");
        shopUrl = shopUrl == null ? "" : shopUrl;
        List<Map<String, Object>> lines = new ArrayList<>();
        for (PricedLine line : order.lines()) {
            Money amount = Money.ofMinor(line.unitPrice().minorUnits() * line.quantity(), line.unitPrice().currency().getCurrencyCode());
            lines.add(map("name", line.name(), "quantity", Integer.toString(line.quantity()), "amount", amount.format(locale)));
        }
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale);
        List<Map<String, Object>> events = new ArrayList<>();
        for (NotificationRepository.OrderEvent e : deliveries.eventsOfOrder(orderId)) {
            events.add(map("title", e.title(),
                    "when", when.format(e.startsAt()) + " (" + e.startsAt().getZone().getDisplayName(TextStyle.SHORT, locale) + ")",
                    "venue", e.venue(),
                    "address", e.address() == null || e.address().isBlank() ? e.city() : e.address() + ", " + e.city()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("shop", map("name", shop.displayName(), "link", shopUrl));
        // A buyer without a name is greeted by their address rather than by nothing.
        model.put("buyer", map("name", contact == null ? "" : contact.name() != null && !contact.name().isBlank() ? contact.name()
                : contact.email() == null ? "" : contact.email()));
        model.put("order", map(
                "number", order.id().toString().substring(0, 8).toUpperCase(Locale.ROOT),
                "link", shopUrl + orderLinks.linkPath(order.id()),
                "manageLink", shopUrl + "manage/",
                "total", order.total().format(locale),
                "discount", order.discount().format(locale),
                "discounted", order.discount().minorUnits() > 0,
                "tickets", Integer.toString(order.tickets()),
                "lines", lines));
        model.put("events", events);
        return model;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
