package io.ticketing.operator.interfaces.rest;

import io.ticketing.operator.application.TenantNotFoundException;
import io.ticketing.operator.infrastructure.IdentityUnavailableException;
import io.ticketing.platform.interfaces.rest.ProblemMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The platform's one problem mapper for the operator API, with the failures only the operator module has. */
@Provider
public class OperatorProblems extends ProblemMapper {

    private static final Logger LOG = Logger.getLogger(OperatorProblems.class.getName());

    @Override
    protected Optional<Response> moduleProblem(RuntimeException e) {
        if (e instanceof TenantNotFoundException) {
            return Optional.of(of(404, "not_found", null, e.getMessage()));
        }
        if (e instanceof IdentityUnavailableException) {
            LOG.log(Level.WARNING, "Identity provider unavailable: {0}", e.getMessage());
            return Optional.of(of(503, "identity_unavailable", null,
                    "The identity provider (Keycloak) cannot be reached; nothing was left half-made. Retry in a minute."));
        }
        return Optional.empty();
    }
}
