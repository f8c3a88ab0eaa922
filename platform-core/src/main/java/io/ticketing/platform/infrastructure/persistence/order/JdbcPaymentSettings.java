package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.PaymentSettings;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Table payment_settings of the current tenant. */
@ApplicationScoped
public class JdbcPaymentSettings implements PaymentSettings {

    @Override
    public List<String> activeProviders() {
        return Sql.query(c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT provider FROM payment_settings WHERE active ORDER BY updated_at DESC");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(r.getString(1));
                }
            }
            return found;
        });
    }

    @Override
    public Map<String, Boolean> configured() {
        return Sql.query(c -> {
            Map<String, Boolean> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT provider, active FROM payment_settings");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(1), r.getBoolean(2));
                }
            }
            return found;
        });
    }

    @Override
    public Optional<String> sealedCredentials(String providerId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT sealed_credentials FROM payment_settings WHERE provider = ?")) {
                s.setString(1, providerId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void store(String providerId, String sealedCredentials, boolean active) {
        Sql.update("""
                    INSERT INTO payment_settings (provider, sealed_credentials, active, updated_at) VALUES (?, ?, ?, now())
                    ON CONFLICT (provider) DO UPDATE SET sealed_credentials = excluded.sealed_credentials,
                                                         active = excluded.active, updated_at = now()""",
                                                         providerId, sealedCredentials, active);
    }

    @Override
    public String storeIfAbsent(String providerId, String sealedCredentials) {
        Sql.update("INSERT INTO payment_settings (provider, sealed_credentials) VALUES (?, ?) ON CONFLICT (provider) DO NOTHING",
                providerId, sealedCredentials);
        return sealedCredentials(providerId).orElseThrow();
    }
}
