package io.ticketing.storefront.shop;

import io.ticketing.platform.application.CatalogConflictException;
import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.application.PaymentServiceDownException;
import io.ticketing.platform.application.RateLimitedException;
import io.ticketing.platform.domain.order.CouponNotApplicableException;
import io.ticketing.platform.domain.order.Quote;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.stock.HoldEndedException;
import io.ticketing.platform.domain.stock.HoldLimitException;
import io.ticketing.platform.domain.stock.HoldNotExtendableException;
import io.ticketing.platform.domain.stock.SoldOutException;
import io.ticketing.platform.domain.stock.StockBusyException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.LongFunction;

/**
 * The core's refusals said to a buyer on the page they are on, in their language: sold out, only
 * N left, over a limit, hold ended, coupon not valid, too many tries, a service down. The rules
 * stay in the core; this only words them. Anything it does not know goes on to the error page.
 */
final class ShopMessages {

    private ShopMessages() {
    }

    static void info(Formats fmt, String key, Object... arguments) {
        add(FacesMessage.SEVERITY_INFO, fmt.text(key, arguments));
    }

    static void error(Formats fmt, String key, Object... arguments) {
        add(FacesMessage.SEVERITY_ERROR, fmt.text(key, arguments));
    }

    private static void add(FacesMessage.Severity severity, String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(severity, text, null));
        // The message survives the redirect that follows most actions (Post/Redirect/Get).
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }

    /**
     * Says why the core refused; {@code typeName} names a ticket type by its id, and
     * {@code notFoundKey} is what "not found" means where the buyer is.
     */
    static void explain(Formats fmt, RuntimeException e, LongFunction<String> typeName, String notFoundKey) {
        if (e instanceof SoldOutException s) {
            String name = typeName.apply(s.ticketTypeId());
            error(fmt, s.available() == 0 ? "problem.soldOut" : "problem.onlyLeft", name, s.available());
        } else if (e instanceof HoldLimitException l) {
            error(fmt, "problem.limit." + l.limit().name(), l.max());
        } else if (e instanceof HoldNotExtendableException x) {
            error(fmt, "problem.extend." + x.reason().name());
        } else if (e instanceof CouponNotApplicableException c) {
            error(fmt, "problem.coupon." + c.reason().name());
        } else if (e instanceof HoldEndedException) {
            error(fmt, "problem.holdEnded");
        } else if (e instanceof RateLimitedException) {
            error(fmt, "problem.rateLimited");
        } else if (e instanceof OrderService.IdempotencyConflictException) {
            error(fmt, "problem.cartChanged");
        } else if (e instanceof PaymentServiceDownException) {
            error(fmt, "problem.paymentDown");
        } else if (e instanceof Quote.MixedCurrencyException) {
            error(fmt, "problem.mixedCurrency");
        } else if (e instanceof CatalogNotFoundException) {
            error(fmt, notFoundKey);
        } else if (e instanceof CatalogConflictException) {
            error(fmt, "problem.conflict");
        } else if (e instanceof StockBusyException) {
            error(fmt, "problem.busy");
        } else if (e instanceof PlatformDataException) {
            error(fmt, "problem.unavailable");
        } else if (e instanceof InvalidFieldException) {
            error(fmt, "problem.invalid");
        } else if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 401) {
            error(fmt, "problem.signIn");
        } else if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 429) {
            error(fmt, "problem.rateLimited");
        } else {
            throw e;
        }
    }
}
