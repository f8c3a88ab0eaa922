package io.ticketing.platform.interfaces.rest;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.CatalogConflictException;
import io.ticketing.platform.application.RefundInProgressException;
import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.application.PaymentServiceDownException;
import io.ticketing.platform.application.RateLimitedException;
import io.ticketing.platform.domain.order.CouponNotApplicableException;
import io.ticketing.platform.domain.order.IllegalOrderTransitionException;
import io.ticketing.platform.domain.order.Quote;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.stock.HoldEndedException;
import io.ticketing.platform.domain.stock.HoldLimitException;
import io.ticketing.platform.domain.stock.SoldOutException;
import io.ticketing.platform.domain.stock.StockBusyException;
import io.ticketing.platform.domain.tenant.TenantConflictException;
import io.ticketing.platform.infrastructure.persistence.DatabaseOutage;
import io.ticketing.platform.interfaces.web.ProblemPages;
import io.ticketing.platform.json.JsonFields;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where a failure becomes an answer a person can act on, for every JSON API of the
 * platform: {@code {"status":422,"error":"invalid_field","field":"slug","message":"..."}}, never a
 * stack trace. Each web module registers it with a one-line {@code @Provider} subclass, which may
 * add the module's own failures in {@link #moduleProblem}.
 */
public abstract class ProblemMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    public static Response of(int status, String error, String field, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ProblemPages.json(status, error, field, message)).build();
    }

    /** Sold out, with what is left: also answered by the holds resource itself, sparing a sold-out request the mapping. */
    public static Response soldOut(SoldOutException e) {
        return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE).entity(JSON.createObjectBuilder()
                .add("status", 409).add("error", "sold_out").add("field", "quantity").add("message", e.getMessage())
                .add("ticketTypeId", e.ticketTypeId()).add("available", e.available()).build().toString()).build();
    }

    /** A failure only this module knows, or empty. */
    protected Optional<Response> moduleProblem(RuntimeException e) {
        return Optional.empty();
    }

    @Override
    public Response toResponse(RuntimeException e) {
        return moduleProblem(e).or(() -> requestProblem(e)).or(() -> stateProblem(e)).orElseGet(() -> unexpected(e));
    }

    /** What the caller sent will not do: fixing the request helps. */
    private static Optional<Response> requestProblem(RuntimeException e) {
        Response r = null;
        if (e instanceof InvalidFieldException f) {
            r = of(422, "invalid_field", f.field(), f.getMessage());
        } else if (e instanceof HoldLimitException l) {
            r = of(422, "over_limit", l.field(), l.getMessage());
        } else if (e instanceof JsonFields.MalformedJsonException) {
            r = of(400, "malformed_json", null, e.getMessage());
        } else if (e instanceof java.nio.charset.UnsupportedCharsetException || e instanceof java.nio.charset.IllegalCharsetNameException) {
            // Thrown by the JAX-RS runtime reading a body in a charset the request names but nobody knows.
            r = of(415, "unsupported_charset", null, "The request's charset is not one this server reads; send UTF-8");
        } else if (e instanceof OrderService.IdempotencyConflictException) {
            r = of(422, "idempotency_key_reused", "Idempotency-Key", e.getMessage());
        } else if (e instanceof CouponNotApplicableException) {
            r = of(422, "coupon_not_applicable", "couponCode", e.getMessage());
        } else if (e instanceof Quote.MixedCurrencyException) {
            r = of(422, "mixed_currencies", "holdIds", e.getMessage());
        } else if (e instanceof RateLimitedException l) {
            r = Response.fromResponse(of(429, "rate_limited", null, e.getMessage()))
                    .header("Retry-After", String.valueOf(l.retryAfterSeconds())).build();
        } else if (e instanceof io.ticketing.platform.application.RefundNotAllowedException) {
            r = of(403, "forbidden", null, e.getMessage());
        } else if (e instanceof CatalogNotFoundException) {
            r = of(404, "not_found", null, e.getMessage());
        } else if (e instanceof WebApplicationException w) {
            // JAX-RS's own errors (unknown path, wrong method or media type) keep their status; a resource's own problem is kept whole.
            r = w.getResponse().hasEntity() ? w.getResponse()
                    : of(w.getResponse().getStatus(), "http_" + w.getResponse().getStatus(), null, w.getMessage());
        }
        return Optional.ofNullable(r);
    }

    /** What the shop's state allows (sold out, ended, taken) or what is down right now. */
    private static Optional<Response> stateProblem(RuntimeException e) {
        Response r = null;
        if (e instanceof SoldOutException s) {
            r = soldOut(s);
        } else if (e instanceof StockBusyException) {
            r = Response.fromResponse(of(409, "busy", null, e.getMessage())).header("Retry-After", "1").build();
        } else if (e instanceof io.ticketing.platform.domain.stock.HoldNotExtendableException) {
            r = of(409, "not_extendable", null, e.getMessage());
        } else if (e instanceof HoldEndedException) {
            r = of(409, "hold_ended", null, e.getMessage());
        } else if (e instanceof IllegalOrderTransitionException) {
            r = of(409, "illegal_transition", null, e.getMessage());
        } else if (e instanceof RefundInProgressException) {
            r = Response.fromResponse(of(409, "refund_in_progress", null, e.getMessage())).header("Retry-After", "30").build();
        } else if (e instanceof CatalogConflictException) {
            r = of(409, "conflict", null, e.getMessage());
        } else if (e instanceof TenantConflictException c) {
            r = of(409, "conflict", c.field(), c.getMessage());
        } else if (e instanceof PaymentServiceDownException) {
            LOG.warning(e.getMessage() + ": " + e.getCause());
            r = Response.fromResponse(of(503, "payment_unavailable", null, e.getMessage())).header("Retry-After", "30").build();
        } else if (e instanceof io.ticketing.platform.application.TeamConflictException t) {
            r = of(409, "conflict", t.field(), t.getMessage());
        } else if (e instanceof io.ticketing.platform.application.IdentityServiceDownException) {
            r = Response.fromResponse(of(503, "identity_unavailable", null, e.getMessage())).header("Retry-After", "30").build();
        } else if (DatabaseOutage.isCause(e)) {
            LOG.log(Level.WARNING, "Platform database unavailable", e);
            r = Response.fromResponse(of(503, "database_unavailable", null, "The platform's database cannot be reached; "
                    + "nothing was left half-made. Please try again in a moment.")).header("Retry-After", "5").build();
        }
        return Optional.ofNullable(r);
    }

    /** Anything unforeseen: logged with its trace here, a plain 500 there. */
    private static Response unexpected(RuntimeException e) {
        LOG.log(Level.SEVERE, "Unexpected error in an API", e);
        return of(500, "internal_error", null, "Something went wrong on our side; it has been logged.");
    }
}
