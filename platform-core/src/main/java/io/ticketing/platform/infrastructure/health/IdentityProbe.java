package io.ticketing.platform.infrastructure.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Whether Keycloak answers at {@code ticketing.keycloak.url}: any HTTP answer within a second counts. */
@ApplicationScoped
public class IdentityProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    @Inject
    @ConfigProperty(name = "ticketing.keycloak.url")
    Optional<String> url;

    public boolean configured() {
        return url.filter(u -> !u.isBlank()).isPresent();
    }

    public boolean reachable() {
        if (!configured()) {
            return false;
        }
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(url.get().replaceAll("/+$", "") + "/")).timeout(Duration.ofSeconds(1))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
