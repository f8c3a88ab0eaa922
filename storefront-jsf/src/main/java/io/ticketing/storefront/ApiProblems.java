package io.ticketing.storefront;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.CatalogConflictException;
import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.stock.HoldEndedException;
import io.ticketing.platform.domain.stock.HoldLimitException;
import io.ticketing.platform.domain.stock.SoldOutException;
import io.ticketing.platform.domain.stock.StockBusyException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.json.JsonFields;
import jakarta.ws.rs.WebApplicationException;
import io.ticketing.platform.interfaces.web.ProblemPages;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.application.PaymentServiceDownException;
import io.ticketing.platform.domain.order.CouponNotApplicableException;
import io.ticketing.platform.domain.order.IllegalOrderTransitionException;
import io.ticketing.platform.domain.order.Quote;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The shop API's errors as {"status":..,"error":..,"field":..,"message":..}; never a stack trace. */
public final class ApiProblems {

    private static final Logger LOG = Logger.getLogger(ApiProblems.class.getName());

    private ApiProblems() {
    }

    public static Response of(int status, String error, String field, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ProblemPages.json(status, error, field, message)).build();
    }

    @Provider
    public static class InvalidField implements ExceptionMapper<InvalidFieldException> {
        @Override
        public Response toResponse(InvalidFieldException e) {
            return of(422, "invalid_field", e.field(), e.getMessage());
        }
    }

    @Provider
    public static class Malformed implements ExceptionMapper<JsonFields.MalformedJsonException> {
        @Override
        public Response toResponse(JsonFields.MalformedJsonException e) {
            return of(400, "malformed_json", null, e.getMessage());
        }
    }

    @Provider
    public static class NotFound implements ExceptionMapper<CatalogNotFoundException> {
        @Override
        public Response toResponse(CatalogNotFoundException e) {
            return of(404, "not_found", null, e.getMessage());
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<CatalogConflictException> {
        @Override
        public Response toResponse(CatalogConflictException e) {
            return of(409, "conflict", null, e.getMessage());
        }
    }

    @Provider
    public static class PaymentDown implements ExceptionMapper<PaymentServiceDownException> {
        @Override
        public Response toResponse(PaymentServiceDownException e) {
            LOG.warning(e.getMessage() + ": " + e.getCause());
            return Response.fromResponse(of(503, "payment_unavailable", null, e.getMessage())).header("Retry-After", "30").build();
        }
    }

    @Provider
    public static class IdempotencyConflict implements ExceptionMapper<OrderService.IdempotencyConflictException> {
        @Override
        public Response toResponse(OrderService.IdempotencyConflictException e) {
            return of(422, "idempotency_key_reused", "Idempotency-Key", e.getMessage());
        }
    }

    @Provider
    public static class CouponRefused implements ExceptionMapper<CouponNotApplicableException> {
        @Override
        public Response toResponse(CouponNotApplicableException e) {
            return of(422, "coupon_not_applicable", "couponCode", e.getMessage());
        }
    }

    @Provider
    public static class MixedCurrency implements ExceptionMapper<Quote.MixedCurrencyException> {
        @Override
        public Response toResponse(Quote.MixedCurrencyException e) {
            return of(422, "mixed_currencies", "holdIds", e.getMessage());
        }
    }

    @Provider
    public static class IllegalTransition implements ExceptionMapper<IllegalOrderTransitionException> {
        @Override
        public Response toResponse(IllegalOrderTransitionException e) {
            return of(409, "illegal_transition", null, e.getMessage());
        }
    }

    @Provider
    public static class SoldOut implements ExceptionMapper<SoldOutException> {
        @Override
        public Response toResponse(SoldOutException e) {
            return soldOut(e);
        }

        /** Also answered by the holds resource itself, sparing a sold-out request the exception mapping. */
        public static Response soldOut(SoldOutException e) {
            return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE).entity(JSON.createObjectBuilder()
                    .add("status", 409).add("error", "sold_out").add("field", "quantity").add("message", e.getMessage())
                    .add("ticketTypeId", e.ticketTypeId()).add("available", e.available()).build().toString()).build();
        }
    }

    @Provider
    public static class Busy implements ExceptionMapper<StockBusyException> {
        @Override
        public Response toResponse(StockBusyException e) {
            return Response.fromResponse(of(409, "busy", null, e.getMessage())).header("Retry-After", "1").build();
        }
    }

    @Provider
    public static class OverLimit implements ExceptionMapper<HoldLimitException> {
        @Override
        public Response toResponse(HoldLimitException e) {
            return of(422, "over_limit", e.field(), e.getMessage());
        }
    }

    @Provider
    public static class Ended implements ExceptionMapper<HoldEndedException> {
        @Override
        public Response toResponse(HoldEndedException e) {
            return of(409, "hold_ended", null, e.getMessage());
        }
    }

    @Provider
    public static class DataUnavailable implements ExceptionMapper<PlatformDataException> {
        @Override
        public Response toResponse(PlatformDataException e) {
            LOG.log(Level.WARNING, "Shop API could not reach its data", e);
            return Response.fromResponse(of(503, "unavailable", null,
                    "The shop cannot take this request right now; please try again in a moment")).header("Retry-After", "5").build();
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getResponse().hasEntity()) {
                return e.getResponse(); // already written as a problem by the resource
            }
            int status = e.getResponse().getStatus();
            return of(status, "http_" + status, null, e.getMessage());
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "Unexpected error in the shop API", e);
            return of(500, "internal_error", null, "Something went wrong on our side; it has been logged.");
        }
    }
}
