package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.TicketPass;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The current shop's ticket passes: what a ticket's QR code says, and what a scanned one turns out to be. */
@ApplicationScoped
public class TicketPasses {

    @Inject
    TenantSecrets secrets;

    /** The text of the QR code of the current shop's ticket {@code code}. */
    public String passOf(String code) {
        Tenant shop = TenantContext.require();
        return new TicketPass(shop.slug().value(), code).encode(data -> secrets.mac(shop, TicketPass.MAC_PURPOSE, data));
    }

    /** Reads a scanned text in the current shop: no database involved. */
    public TicketPass.Scan read(String scanned) {
        Tenant shop = TenantContext.require();
        return TicketPass.read(scanned, shop.slug().value(), data -> secrets.mac(shop, TicketPass.MAC_PURPOSE, data));
    }
}
