package io.ticketing.storefront.shop;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.application.SandboxPayments;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.application.PaymentCallbacks;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.interfaces.web.OidcBrowserFlow;
import io.ticketing.platform.interfaces.web.ProblemPages;
import io.ticketing.storefront.security.SignInFilter;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The sandbox provider's hosted payment page ({@code /api/sandbox/pay/{ref}}): the buyer pays,
 * declines or cancels, and the sandbox sends the shop a callback signed with the shop's secret,
 * through the same verification as any provider's. For tests it can send {@code duplicates} copies
 * (0: the callback is lost, as the shop can learn by asking the sandbox), {@code delayMs} later.
 * Only there when {@code ticketing.payments.sandbox} is on.
 */
@Path("sandbox/pay/{ref}")
@ApplicationScoped
public class SandboxPaymentPage {

    private static final Logger LOG = Logger.getLogger(SandboxPaymentPage.class.getName());
    private static final int MAX_DUPLICATES = 20;

    @Inject
    SandboxPayments sandbox;

    @Inject
    OrderService orders;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page(@PathParam("ref") String ref) {
        OrderView order = sandbox.order(ref);
        String shop = escape(TenantContext.require().displayName());
        String amount = order.total().amount().toPlainString() + " " + order.total().currency().getCurrencyCode();
        String form = order.status().isOpen() ? """
                <form method="post"><button name="action" value="pay">Pay %s</button>
                <button name="action" value="decline">Decline</button>
                <button name="action" value="cancel">Cancel</button></form>""".formatted(amount)
                : "<p>This payment is " + order.status().name().toLowerCase(Locale.ROOT) + ".</p>";
        return """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sandbox payment</title></head>
                <body><h1>Sandbox payment</h1><p>No money moves here: this page stands in for a payment provider.</p>
                <p>%s, order %s: <strong id="amount">%s</strong></p>%s</body></html>""".formatted(shop, order.id(), amount, form);
    }

    @POST
    public Response act(@Context HttpServletRequest request, @PathParam("ref") String ref) {
        // The form's fields are read here, not as @FormParam: Jersey answers a body of any other type (or none) to
        // those with a 500, and the page's only client is a form anyway.
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).type(MediaType.APPLICATION_JSON)
                    .entity(ProblemPages.json(415, "unsupported_media_type", null, "Send the payment page's form (application/x-www-form-urlencoded)"))
                    .build();
        }
        String action = request.getParameter("action");
        long duplicates = number(request, "duplicates", 1);
        long delayMs = number(request, "delayMs", 0);
        OrderView order = sandbox.order(ref);
        PaymentProvider.PaymentState state = switch (String.valueOf(action)) {
            case "pay" -> PaymentProvider.PaymentState.PAID;
            case "decline" -> PaymentProvider.PaymentState.DECLINED;
            case "cancel" -> PaymentProvider.PaymentState.CANCELLED;
            default -> throw new InvalidFieldException("action", "action is pay, decline or cancel");
        };
        if (duplicates < 0 || duplicates > MAX_DUPLICATES || delayMs < 0 || delayMs > 600_000) {
            throw new InvalidFieldException("duplicates", "duplicates is 0 (the callback is lost) to " + MAX_DUPLICATES
                    + ", delayMs 0 to 600000");
        }
        SandboxPayments.SignedCallback callback = sandbox.settle(order, state);
        Tenant tenant = TenantContext.require();
        Runnable deliver = () -> TenantContext.runAs(tenant, () -> {
            PaymentCallbacks.Outcome outcome = sandbox.deliver(callback);
            LOG.fine(() -> "sandbox callback for " + ref + ": " + outcome.message());
        });
        for (long i = 0; i < duplicates; i++) {
            if (delayMs == 0) {
                deliver.run();
            } else {
                scheduler.schedule(deliver, delayMs, TimeUnit.MILLISECONDS);
            }
        }
        // Back to the order's page, as a provider sends the buyer back: it waits there for the callback's outcome.
        String back = OidcBrowserFlow.absolute(request, SignInFilter.shopUrl(request, "/")) + orders.linkPath(order.id());
        return Response.seeOther(URI.create(back)).build();
    }

    private static long number(HttpServletRequest request, String field, long fallback) {
        String value = request.getParameter(field);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, field + " must be a whole number");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
