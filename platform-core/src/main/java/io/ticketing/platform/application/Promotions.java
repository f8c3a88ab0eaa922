package io.ticketing.platform.application;

import io.ticketing.platform.domain.notification.PromotionRepository;
import io.ticketing.platform.domain.order.Outbox;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.json.JsonFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An organizer's messages to the buyers who agreed to hear from the shop (consent ticked at checkout, recorded
 * with its moment, the latest order deciding), sent through the outbox relay at a bounded rate, each with a
 * one-click unsubscribe link that works without signing in and names no address.
 */
@ApplicationScoped
public class Promotions {

    public static final int MAX_SUBJECT = 150;
    public static final int MAX_BODY = 10_000;
    private static final String UNSUBSCRIBE = "unsubscribe";

    @Inject
    TenantTransactions transactions;

    @Inject
    PromotionRepository promotions;

    @Inject
    Outbox outbox;

    @Inject
    StaffAuditLog audit;

    @Inject
    TenantSecrets secrets;

    /** Queues a promotion to everyone who may receive it now; the relay finds them and sends at its pace. */
    public long send(StaffAuditLog.Actor actor, String subject, String body) {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) {
            throw new InvalidFieldException("subject", "The subject must be 1 to " + MAX_SUBJECT + " characters");
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            throw new InvalidFieldException("body", "The message must be 1 to " + MAX_BODY + " characters");
        }
        return transactions.inTransaction(() -> {
            long id = promotions.add(subject.strip(), body.strip(), actor.email());
            outbox.add("promotion.created", JsonFields.JSON.createObjectBuilder().add("promotionId", id).build().toString());
            audit.add(actor, "promotion.send", "promotion " + id + ": " + subject.strip());
            return id;
        });
    }

    public List<PromotionRepository.PromotionView> recent(int limit) {
        return transactions.inTransaction(() -> promotions.recent(Math.max(1, Math.min(limit, 200))));
    }

    /** The unsubscribe token of an order's buyer: their address's keyed index and a MAC over it (inside a transaction). */
    String tokenOf(UUID orderId) {
        String index = promotions.emailIndexOf(orderId).orElseThrow(() -> new IllegalStateException("Order " + orderId + " has no address"));
        return index + "." + mac(index);
    }

    /** What an unsubscribe link did. */
    public enum Unsubscribed { NOW, ALREADY }

    /** Unsubscribes the buyer a token names; a token that is not this shop's is not found (and tells nothing). */
    public Unsubscribed unsubscribe(String token) {
        String index = verified(token).orElseThrow(() -> new CatalogNotFoundException("This unsubscribe link is not valid here"));
        return transactions.inTransaction(() -> {
            if (!promotions.knows(index)) {
                throw new CatalogNotFoundException("This unsubscribe link is not valid here");
            }
            return promotions.unsubscribe(index) ? Unsubscribed.NOW : Unsubscribed.ALREADY;
        });
    }

    /** Whether a token is this shop's (for the page that asks before unsubscribing). */
    public boolean valid(String token) {
        return verified(token).isPresent();
    }

    private Optional<String> verified(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String index = token.substring(0, dot);
        boolean genuine = MessageDigest.isEqual(mac(index).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
        return genuine ? Optional.of(index) : Optional.empty();
    }

    private String mac(String index) {
        byte[] mac = secrets.mac(TenantContext.require(), UNSUBSCRIBE, index.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, 16));
    }
}
