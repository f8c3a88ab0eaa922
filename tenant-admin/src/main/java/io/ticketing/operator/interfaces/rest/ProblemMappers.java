package io.ticketing.operator.interfaces.rest;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.operator.application.TenantNotFoundException;
import io.ticketing.operator.infrastructure.IdentityUnavailableException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.platform.domain.tenant.TenantConflictException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns failures into answers a person can act on; never a stack trace. */
final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class InvalidRequest implements ExceptionMapper<InvalidFieldException> {
        @Override
        public Response toResponse(InvalidFieldException e) {
            return Problems.of(422, "invalid_field", e.field(), e.getMessage());
        }
    }

    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonFields.MalformedJsonException> {
        @Override
        public Response toResponse(JsonFields.MalformedJsonException e) {
            return Problems.of(400, "malformed_json", null, e.getMessage());
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<TenantConflictException> {
        @Override
        public Response toResponse(TenantConflictException e) {
            return Problems.of(409, "conflict", e.field(), e.getMessage());
        }
    }

    @Provider
    public static class NotFound implements ExceptionMapper<TenantNotFoundException> {
        @Override
        public Response toResponse(TenantNotFoundException e) {
            return Problems.of(404, "not_found", null, e.getMessage());
        }
    }

    @Provider
    public static class IdentityDown implements ExceptionMapper<IdentityUnavailableException> {
        @Override
        public Response toResponse(IdentityUnavailableException e) {
            LOG.log(Level.WARNING, "Identity provider unavailable: {0}", e.getMessage());
            return Problems.of(503, "identity_unavailable", null,
                    "The identity provider (Keycloak) cannot be reached; nothing was left half-made. Retry in a minute.");
        }
    }

    @Provider
    public static class DatabaseDown implements ExceptionMapper<PlatformDataException> {
        @Override
        public Response toResponse(PlatformDataException e) {
            LOG.log(Level.WARNING, "Platform database unavailable", e);
            return Problems.of(503, "database_unavailable", null,
                    "The platform database cannot be reached; nothing was left half-made. Retry in a minute.");
        }
    }

    /** JAX-RS's own errors (unknown path, wrong method, wrong media type) keep their status. */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return Problems.of(status, "http_" + status, null, e.getMessage());
        }
    }

    /** Anything unforeseen: logged with its trace here, a plain 500 there. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "Unexpected error in the operator API", e);
            return Problems.of(500, "internal_error", null, "Something went wrong on our side; it has been logged.");
        }
    }
}
