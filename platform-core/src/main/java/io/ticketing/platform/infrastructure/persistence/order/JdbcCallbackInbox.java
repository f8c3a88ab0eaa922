package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.CallbackInbox;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;

/** The callback inbox in the current tenant transaction. */
@ApplicationScoped
public class JdbcCallbackInbox implements CallbackInbox {

    @Override
    public boolean record(String provider, String eventId, String paymentRef, boolean signatureOk, boolean replay,
            String payloadSha256, String outcome) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO payment_callback (provider, event_id, payment_ref, signature_ok, replay, payload_sha256, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (provider, event_id) WHERE signature_ok AND NOT replay DO NOTHING""")) {
                s.setString(1, provider);
                s.setString(2, eventId);
                s.setString(3, paymentRef);
                s.setBoolean(4, signatureOk);
                s.setBoolean(5, replay);
                s.setString(6, payloadSha256);
                s.setString(7, outcome.length() > 200 ? outcome.substring(0, 200) : outcome);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void setOutcome(String provider, String eventId, String outcome) {
        Sql.run(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE payment_callback SET outcome = ? WHERE provider = ? AND event_id = ? AND signature_ok AND NOT replay""")) {
                s.setString(1, outcome.length() > 200 ? outcome.substring(0, 200) : outcome);
                s.setString(2, provider);
                s.setString(3, eventId);
                s.executeUpdate();
            }
        });
    }
}
