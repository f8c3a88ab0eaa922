package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.CallbackInbox;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** The callback inbox in the current tenant transaction. */
@ApplicationScoped
public class JdbcCallbackInbox implements CallbackInbox {

    @Override
    public boolean record(String provider, String eventId, String paymentRef, boolean signatureOk, boolean replay,
            String payloadSha256, String outcome) {
        return Sql.update("""
                    INSERT INTO payment_callback (provider, event_id, payment_ref, signature_ok, replay, payload_sha256, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (provider, event_id) WHERE signature_ok AND NOT replay DO NOTHING""",
                    provider, eventId, paymentRef, signatureOk, replay, payloadSha256, shortened(outcome)) == 1;
    }

    @Override
    public void setOutcome(String provider, String eventId, String outcome) {
        Sql.update("""
                    UPDATE payment_callback SET outcome = ? WHERE provider = ? AND event_id = ? AND signature_ok AND NOT replay""",
                    shortened(outcome), provider, eventId);
    }

    /** Outcomes are for people reading the inbox: the column keeps 200 characters. */
    private static String shortened(String outcome) {
        return outcome.length() > 200 ? outcome.substring(0, 200) : outcome;
    }
}
