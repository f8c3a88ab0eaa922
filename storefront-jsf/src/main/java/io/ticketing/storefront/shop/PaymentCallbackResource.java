package io.ticketing.storefront.shop;

import io.ticketing.platform.interfaces.rest.ProblemMapper;
import io.ticketing.platform.application.PaymentCallbacks;
import io.ticketing.platform.interfaces.web.ProblemPages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where payment providers report: {@code POST /api/payments/callback/{provider}} on the shop's own
 * address. No sign-in: the provider's signature is the credential. 200 for an accepted or a
 * replayed callback (so the provider stops retrying), 400 for one that is not genuine.
 */
@Path("payments/callback/{provider}")
@ApplicationScoped
public class PaymentCallbackResource {

    @Inject
    PaymentCallbacks callbacks;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("provider") String provider, @Context HttpHeaders headers, byte[] body) {
        Map<String, String> lowerCase = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        PaymentCallbacks.Outcome outcome = callbacks.receive(provider, lowerCase, body == null ? new byte[0] : body);
        if (!outcome.accepted()) {
            return ProblemMapper.of(400, "invalid_callback", null, outcome.message());
        }
        if (outcome.acknowledgement() != null) {
            return Response.ok(outcome.acknowledgement(), MediaType.TEXT_PLAIN_TYPE).build();
        }
        return Response.ok(ProblemPages.json(200, outcome.replay() ? "replay" : "accepted", null, outcome.message())).build();
    }
}
