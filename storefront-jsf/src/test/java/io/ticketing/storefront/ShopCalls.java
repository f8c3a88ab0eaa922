package io.ticketing.storefront;

import io.ticketing.platform.testsupport.PayaraMicroNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON calls to a shop on one node by its path {@code /t/{slug}/}, as the holder of a bearer token. */
final class ShopCalls {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private ShopCalls() {
    }

    static String base(PayaraMicroNode node, RealmFixtures.TenantRealm realm) {
        return "http://127.0.0.1:" + node.httpPort() + "/t/" + realm.tenant().slug().value() + "/";
    }

    static HttpResponse<String> as(PayaraMicroNode node, RealmFixtures.TenantRealm realm, String token, String method, String path,
                                   String body) throws Exception {
        return HTTP.send(request(node, realm, token, method, path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request, for callers that add headers of their own (Idempotency-Key, Accept-Language). */
    static HttpRequest.Builder request(PayaraMicroNode node, RealmFixtures.TenantRealm realm, String token, String method, String path,
                                       String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(node, realm) + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }
}
