package io.ticketing.platform.application;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.order.BuyerRecords;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A buyer's rights over their data (GDPR articles 15 and 17), as the shop's admins act on them:
 * export everything held about one buyer as JSON, or erase their personal data while the money
 * records stay, as bookkeeping law requires. Both are audited, without the buyer's address.
 */
@ApplicationScoped
public class BuyerPrivacy {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    @Inject
    TenantTransactions transactions;

    @Inject
    BuyerRecords records;

    @Inject
    StaffAuditLog audit;

    /** Everything held about the buyer with this e-mail address, as one JSON document. */
    public String export(StaffAuditLog.Actor actor, String email) {
        String address = checked(email);
        return transactions.inTransaction(() -> {
            BuyerRecords.Found found = records.find(address);
            JsonArrayBuilder orders = JSON.createArrayBuilder();
            for (BuyerRecords.BuyerOrder o : found.orders()) {
                var order = JSON.createObjectBuilder().add("orderId", o.id().toString()).add("buyer", o.buyer())
                        .add("email", o.email()).add("name", o.name() == null ? "" : o.name())
                        .add("phone", o.phone() == null ? "" : o.phone());
                JSON.createReader(new StringReader(o.detailsJson())).readObject().forEach(order::add);
                orders.add(order);
            }
            audit.add(actor, "buyer.export", "exported " + found.orders().size() + " order(s)");
            return JSON.createObjectBuilder().add("email", address).add("exportedAt", Instant.now().toString())
                    .add("orders", orders).add("holds", JSON.createReader(new StringReader(found.holdsJson())).readArray())
                    .build().toString();
        });
    }

    /**
     * Erases the buyer's personal data; refused while one of their orders is still open, since its
     * tickets would have nowhere to go. Returns how many orders were pseudonymised.
     */
    public int erase(StaffAuditLog.Actor actor, String email) {
        String address = checked(email);
        return transactions.inTransaction(() -> {
            if (records.openOrders(address) > 0) {
                throw new CatalogConflictException("This buyer has an order waiting for payment; erase their data once it has ended");
            }
            int erased = records.erase(address);
            audit.add(actor, "buyer.erase", "erased the personal data of " + erased + " order(s)");
            return erased;
        });
    }

    private static String checked(String email) {
        if (email == null || !EMAIL.matcher(email.strip()).matches()) {
            throw new InvalidFieldException("email", "Give the buyer's e-mail address");
        }
        return email.strip();
    }
}
