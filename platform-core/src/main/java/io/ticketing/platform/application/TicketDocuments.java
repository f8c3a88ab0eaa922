package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.PrintableTicket;
import io.ticketing.platform.domain.order.TicketRepository;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * PDF tickets of an order the caller may see (found by its buyer, its link or staff): one PDF with a
 * page per valid ticket for the order page's download, or one PDF per ticket for the confirmation mail.
 * The data is read in the shop's transaction; the layout is the {@link TicketRenderer}'s.
 */
@ApplicationScoped
public class TicketDocuments {

    @Inject
    ShopBranding branding;

    @Inject
    TenantTransactions transactions;

    @Inject
    TicketRepository tickets;

    @Inject
    TicketPasses passes;

    /** Optional here: a WAR without the reporting module (the operator's) has none and prints no tickets. */
    @Inject
    Instance<TicketRenderer> renderers;

    /** One ticket's PDF, named by its code. */
    public record TicketPdf(String code, String fileName, byte[] pdf) {
    }

    /** All valid tickets of the order in one PDF, a page each, in the reader's language. */
    public byte[] orderTickets(OrderView order, Locale locale) {
        return renderer().pdf(print(order, locale, printable(order)));
    }

    /** One PDF per valid ticket, in the order the order page lists them (what the purchase confirmation attaches). */
    public List<TicketPdf> ticketPdfs(OrderView order, Locale locale) {
        TicketRenderer renderer = renderer();
        return printable(order).stream()
                .map(t -> new TicketPdf(t.ticket().code(), fileName(t.ticket().code()), renderer.pdf(print(order, locale, List.of(t)))))
                .toList();
    }

    /** One valid ticket of the order, by its code. */
    public byte[] ticket(OrderView order, String code, Locale locale) {
        List<TicketPrint.Ticket> one = printable(order).stream().filter(t -> t.ticket().code().equals(code)).toList();
        if (one.isEmpty()) {
            throw new CatalogNotFoundException("No valid ticket " + code + " in order " + order.id());
        }
        return renderer().pdf(print(order, locale, one));
    }

    /** The download's file name: the shop and the order, nothing personal. */
    public String fileName(OrderView order) {
        return "tickets-" + TenantContext.require().slug().value() + "-" + order.id().toString().substring(0, 8) + ".pdf";
    }

    private static String fileName(String code) {
        return "ticket-" + code + ".pdf";
    }

    private List<TicketPrint.Ticket> printable(OrderView order) {
        if (order.status() == OrderStatus.PENDING) {
            throw new TicketsNotIssuedException(TicketsNotIssuedException.Reason.NOT_PAID_YET, "Order " + order.id() + " is not paid yet: its tickets come once the payment arrives");
        }
        if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.EXPIRED) {
            throw new TicketsNotIssuedException(TicketsNotIssuedException.Reason.NEVER_PAID, "Order " + order.id() + " was never paid, so it has no tickets");
        }
        List<PrintableTicket> valid = transactions.inTransaction(() -> tickets.printable(order.id()));
        if (valid.isEmpty()) {
            throw new TicketsNotIssuedException(TicketsNotIssuedException.Reason.REFUNDED, "Order " + order.id() + " has no valid tickets: they were refunded");
        }
        return valid.stream().map(t -> new TicketPrint.Ticket(t, passes.passOf(t.code()))).toList();
    }

    private TicketPrint print(OrderView order, Locale locale, List<TicketPrint.Ticket> tickets) {
        Tenant shop = TenantContext.require();
        byte[] uploaded = branding.logo(shop.branding().logoSha256()).map(ShopBranding.Logo::content).orElse(null);
        return new TicketPrint(shop.displayName(), shop.branding().primaryColor(), shop.branding().logoUrl(), uploaded, locale,
                order.id().toString(), tickets);
    }

    private TicketRenderer renderer() {
        if (!renderers.isResolvable()) {
            throw new IllegalStateException("This application prints no tickets: it does not bundle the reporting module");
        }
        return renderers.get();
    }
}
