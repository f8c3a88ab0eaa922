package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.Outbox;
import io.ticketing.platform.infrastructure.metrics.BusinessMetrics;
import io.ticketing.platform.domain.notification.NotificationKind;
import io.ticketing.platform.domain.notification.NotificationRepository;
import io.ticketing.platform.domain.notification.NotificationRepository.Delivery;
import io.ticketing.platform.domain.notification.NotificationSettings;
import io.ticketing.platform.domain.notification.PromotionRepository;
import io.ticketing.platform.domain.order.OrderRepository;
import io.ticketing.platform.domain.report.ReportSubscription;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.infrastructure.notification.NotificationChannels;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.platform.notification.spi.ChannelDownException;
import io.ticketing.platform.notification.spi.MessageRefusedException;
import io.ticketing.platform.notification.spi.NotificationChannel;
import io.ticketing.platform.notification.spi.NotificationChannelFactory.Medium;
import io.ticketing.platform.notification.spi.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox relay of the current shop, run by every node. First it turns new outbox events into deliveries
 * (one transaction, events claimed with SKIP LOCKED); then it sends due deliveries, each in one short
 * transaction of its own: claim (SKIP LOCKED), send, mark sent. Two nodes never hold the same row, so a
 * message goes out twice only when a node dies between sending it and committing its mark. A failed attempt
 * waits {@code retry-base-seconds} doubled per attempt (at most {@code retry-max-seconds}, an hour); after {@code max-attempts} the
 * delivery is parked, with its last error, until staff retry it.
 */
@ApplicationScoped
public class NotificationRelay {

    private static final Logger LOG = Logger.getLogger(NotificationRelay.class.getName());

    @Inject
    TenantTransactions transactions;

    @Inject
    NotificationRepository deliveries;

    @Inject
    NotificationSettings settings;

    @Inject
    OrderRepository orders;

    @Inject
    NotificationChannels channels;

    @Inject
    MessageComposer composer;

    @Inject
    PromotionRepository promotions;

    @Inject
    ScheduledReports scheduledReports;

    @Inject
    Outbox outbox;

    @Inject
    BusinessMetrics metrics;

    /** Promotions go out at most this fast per shop, so a large audience neither floods the mail server nor starves other mail. */
    @Inject
    @ConfigProperty(name = "ticketing.notifications.promotions-per-minute", defaultValue = "600")
    int promotionsPerMinute;

    @Inject
    @ConfigProperty(name = "ticketing.notifications.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "ticketing.notifications.retry-base-seconds", defaultValue = "30")
    int retryBaseSeconds;

    /** The longest wait between two attempts. */
    @Inject
    @ConfigProperty(name = "ticketing.notifications.retry-max-seconds", defaultValue = "3600")
    int retryMaxSeconds;

    /** The right-hand side of every Message-ID this platform makes. */
    @Inject
    @ConfigProperty(name = "ticketing.mail.from", defaultValue = "tickets@localhost")
    String platformSender;

    /** What one round of sending did. */
    public record Round(int sent, int failed, boolean channelDown) {
    }

    /** Turns up to {@code limit} new outbox events of the current shop into deliveries; returns how many events it took. */
    public int fanOut(int limit) {
        return transactions.inTransaction(() -> {
            List<NotificationRepository.Event> events = deliveries.claimEvents(limit);
            for (NotificationRepository.Event event : events) {
                if (event.topic().equals("promotion.created")) {
                    promotionDeliveries(event);
                } else if (event.topic().equals(ScheduledReports.TOPIC)) {
                    scheduledReportDelivery(event).ifPresent(deliveries::add);
                } else {
                    deliveryOf(event).ifPresent(deliveries::add);
                    smsDeliveryOf(event).ifPresent(deliveries::add);
                }
                deliveries.markFannedOut(event.id());
            }
            return events.size();
        });
    }

    private Optional<NotificationRepository.NewDelivery> deliveryOf(NotificationRepository.Event event) {
        Optional<NotificationKind> kind = switch (event.topic()) {
            case "order.paid" -> Optional.of(NotificationKind.PURCHASE_CONFIRMATION);
            case "order.refunded" -> Optional.of(NotificationKind.REFUND_CONFIRMATION);
            case "order.expired" -> Optional.of(NotificationKind.ORDER_EXPIRED);
            case "order.cancelled" -> Optional.of(NotificationKind.PAYMENT_DECLINED);
            case "order.flagged" -> Optional.of(NotificationKind.ORDER_FLAGGED);
            default -> Optional.empty(); // an event no one is told about
        };
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        JsonObject payload = JsonFields.JSON.createReader(new StringReader(event.payload())).readObject();
        UUID orderId = UUID.fromString(payload.getString("orderId"));
        String recipient = null;
        String language;
        if (kind.get().toStaff()) {
            NotificationSettings.Sender sender = settings.sender();
            // Staff alerts go where the shop said, or to the address it was onboarded with.
            recipient = sender.staffAlerts() != null && !sender.staffAlerts().isBlank() ? sender.staffAlerts()
                    : TenantContext.require().adminEmail();
            if (recipient == null || recipient.isBlank()) {
                LOG.warning("Order " + orderId + " was flagged, but " + TenantContext.require().slug().value() + " has no address for staff alerts");
                return Optional.empty();
            }
            language = "en";
        } else {
            language = MessageTemplates.language(orders.contact(orderId).map(OrderRepository.Contact::language).orElse(null));
        }
        return Optional.of(new NotificationRepository.NewDelivery(event.id(), kind.get(), Medium.EMAIL.name(), orderId, recipient,
                language, messageId(kind.get()), null));
    }

    /**
     * The SMS beside a purchase confirmation's mail: only where the buyer asked for it (and gave a number) and the
     * shop sends SMS now. It goes through the same retries and parking as mail.
     */
    private Optional<NotificationRepository.NewDelivery> smsDeliveryOf(NotificationRepository.Event event) {
        if (!event.topic().equals("order.paid") || !channels.chosenByShop(Medium.SMS)) {
            return Optional.empty();
        }
        UUID orderId = UUID.fromString(JsonFields.JSON.createReader(new StringReader(event.payload())).readObject().getString("orderId"));
        Optional<OrderRepository.Contact> contact = orders.contact(orderId);
        if (contact.isEmpty() || !contact.get().smsConfirmation() || contact.get().phone() == null) {
            return Optional.empty();
        }
        NotificationKind kind = NotificationKind.PURCHASE_CONFIRMATION;
        return Optional.of(new NotificationRepository.NewDelivery(event.id(), kind, Medium.SMS.name(), orderId, null,
                MessageTemplates.language(contact.get().language()), messageId(kind, Medium.SMS), null));
    }

    /**
     * A scheduled report's mail, to the address and in the language its subscriber subscribed with; about no order.
     * None when the subscription was cancelled after the report was queued.
     */
    private Optional<NotificationRepository.NewDelivery> scheduledReportDelivery(NotificationRepository.Event event) {
        JsonObject payload = JsonFields.JSON.createReader(new StringReader(event.payload())).readObject();
        Optional<ReportSubscription> subscription = scheduledReports.subscriptionOf(payload);
        if (subscription.isEmpty()) {
            return Optional.empty();
        }
        NotificationKind kind = NotificationKind.SCHEDULED_REPORT;
        return Optional.of(new NotificationRepository.NewDelivery(event.id(), kind, Medium.EMAIL.name(), null,
                subscription.get().email(), MessageTemplates.language(subscription.get().locale()), messageId(kind), null));
    }

    /** One delivery per buyer who may receive the promotion now, spread out in time at the promotion rate. */
    private void promotionDeliveries(NotificationRepository.Event event) {
        long promotionId = JsonFields.JSON.createReader(new StringReader(event.payload())).readObject().getJsonNumber("promotionId").longValue();
        List<UUID> audience = promotions.audience();
        Instant start = Instant.now();
        double secondsApart = 60.0 / Math.max(1, promotionsPerMinute);
        for (int i = 0; i < audience.size(); i++) {
            UUID orderId = audience.get(i);
            String language = MessageTemplates.language(orders.contact(orderId).map(OrderRepository.Contact::language).orElse(null));
            deliveries.add(new NotificationRepository.NewDelivery(event.id(), NotificationKind.PROMOTION, Medium.EMAIL.name(), orderId, null,
                    language, messageId(NotificationKind.PROMOTION), start.plusMillis((long) (i * secondsApart * 1000))));
        }
        promotions.recordRecipients(promotionId, audience.size());
    }

    /** A Message-ID of its own for each delivery, kept across its attempts. */
    String messageId(NotificationKind kind) {
        return messageId(kind, Medium.EMAIL);
    }

    /** An SMS's id says it is one ({@code .sms.}), so it never looks like the mail of the same order. */
    private String messageId(NotificationKind kind, Medium medium) {
        String domain = platformSender.contains("@") ? platformSender.substring(platformSender.indexOf('@') + 1) : "localhost";
        return "<" + UUID.randomUUID() + "." + kind.key() + (medium == Medium.EMAIL ? "" : ".sms") + "."
                + TenantContext.require().slug().value() + "@" + domain + ">";
    }

    /**
     * Sends the current shop's due deliveries, one transaction each, until none is due, {@code max} are done, or a
     * channel is down (the rest wait for the next round rather than each failing against the same dead server).
     */
    public Round deliverDue(int max) {
        List<Medium> media = channels.media();
        if (media.isEmpty()) {
            return new Round(0, 0, false);
        }
        List<String> mediaNames = media.stream().map(Medium::name).toList();
        Map<Medium, NotificationChannel> open = new EnumMap<>(Medium.class);
        int sent = 0;
        int failed = 0;
        int skipped = 0;
        try {
            while (sent + failed + skipped < max) {
                Outcome outcome = transactions.inTransaction(() -> deliveries.claimDue(mediaNames)
                        .map(d -> attempt(d, open)).orElse(Outcome.NONE));
                switch (outcome) {
                    case NONE -> {
                        return new Round(sent, failed, false);
                    }
                    case SENT -> sent++;
                    case SKIPPED -> skipped++;
                    case FAILED -> failed++;
                    case DOWN -> {
                        failed++;
                        return new Round(sent, failed, true);
                    }
                }
            }
            return new Round(sent, failed, false);
        } finally {
            metrics.messages(sent, failed, skipped);
            open.values().forEach(NotificationChannel::close);
        }
    }

    /** Measures what the current shop's outbox holds undelivered, for the operators' backlog gauges and alerts. */
    public void measureBacklog() {
        Outbox.Backlog backlog = transactions.inTransaction(outbox::backlog);
        metrics.outboxBacklog(backlog.waiting(), backlog.oldestSeconds());
    }

    private enum Outcome { NONE, SENT, SKIPPED, FAILED, DOWN }

    private Outcome attempt(Delivery d, Map<Medium, NotificationChannel> open) {
        OutgoingMessage message;
        try {
            message = composer.compose(d);
        } catch (MessageComposer.NotToBeSent e) {
            deliveries.markSkipped(d.id(), e.getMessage());
            return Outcome.SKIPPED;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not compose delivery " + d.id() + " (" + d.kind().key() + ")", e);
            failed(d, "Could not compose the message: " + e.getMessage());
            return Outcome.FAILED;
        }
        Medium medium = Medium.valueOf(d.channel());
        if (!open.containsKey(medium)) {
            Optional<NotificationChannel> channel = channels.open(medium);
            if (channel.isEmpty()) {
                // The shop switched its SMS off after this was queued: nothing can carry it.
                deliveries.markSkipped(d.id(), "the shop has no " + medium + " channel any more");
                return Outcome.SKIPPED;
            }
            open.put(medium, channel.get());
        }
        try {
            open.get(medium).send(message);
            deliveries.markSent(d.id());
            return Outcome.SENT;
        } catch (ChannelDownException e) {
            failed(d, e.getMessage());
            return Outcome.DOWN;
        } catch (MessageRefusedException e) {
            failed(d, e.getMessage());
            return Outcome.FAILED;
        }
    }

    private void failed(Delivery d, String error) {
        int attempts = d.attempts() + 1;
        Instant next = attempts >= maxAttempts ? null : Instant.now().plus(wait(attempts));
        deliveries.markFailed(d.id(), error, next);
        if (next == null) {
            LOG.warning("Parked " + d.kind().key() + " delivery " + d.id() + " of " + TenantContext.require().slug().value()
                    + " after " + attempts + " attempts: " + error);
        }
    }

    /** How long to wait after the {@code attempts}-th failure: the base, doubled each time, at most {@code retry-max-seconds}. */
    Duration wait(int attempts) {
        long seconds = (long) retryBaseSeconds << Math.min(attempts - 1, 20);
        return Duration.ofSeconds(Math.min(seconds, retryMaxSeconds));
    }
}
