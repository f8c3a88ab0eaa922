package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the report tests share: orders bought through the shop's API and paid by the sandbox's signed callback, as
 * a buyer and the sandbox would; and staff signed in through the shop's realm in a browser, whose session cookies
 * later plain HTTP requests carry.
 */
final class PaidOrders {

    private static final Map<String, String> SESSIONS = new ConcurrentHashMap<>();

    private PaidOrders() {
    }

    /** A ticket type and how many of it. */
    record Line(long ticketTypeId, int quantity) {
    }

    /** An order of the buyer behind {@code token} under {@code name}: a hold per line, then the order (with the coupon, if any). */
    static String order(PayaraMicroNode node, RealmFixtures.TenantRealm shop, String token, String email, String name, List<Line> lines,
                        String coupon) throws Exception {
        List<String> holds = new ArrayList<>();
        for (Line line : lines) {
            HttpResponse<String> held = ShopCalls.as(node, shop, token, "POST", "api/holds",
                    "{\"ticketTypeId\": " + line.ticketTypeId() + ", \"quantity\": " + line.quantity() + "}");
            assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
            holds.add("\"" + Json.createReader(new StringReader(held.body())).readObject().getString("holdId") + "\"");
        }
        String body = "{\"holdIds\": [" + String.join(",", holds) + "], \"buyer\": {\"email\": \"" + email + "\", \"name\": "
                + Json.createValue(name) + "}" + (coupon == null ? "" : ", \"couponCode\": \"" + coupon + "\"") + "}";
        HttpResponse<String> placed = ShopCalls.HTTP.send(ShopCalls.request(node, shop, token, "POST", "api/orders", body)
                .header("Idempotency-Key", "paid-order-" + shop.tenant().slug().value() + "-" + name.hashCode()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return Json.createReader(new StringReader(placed.body())).readObject().getString("orderId");
    }

    /** The sandbox's signed callback saying the order was paid in full. */
    static String pay(PayaraMicroNode node, RealmFixtures.TenantRealm shop, String orderId) throws Exception {
        String schema = shop.tenant().schemaName();
        String ref = queryText("SELECT payment_ref FROM " + schema + ".customer_order WHERE id = '" + orderId + "'");
        Money total = Money.ofMinor(queryLong("SELECT total_minor FROM " + schema + ".customer_order WHERE id = '" + orderId + "'"),
                queryText("SELECT currency FROM " + schema + ".customer_order WHERE id = '" + orderId + "'"));
        Instant at = Instant.now();
        byte[] body = SandboxPaymentProvider.callbackBody("evt-" + orderId, "payment.paid", ref, total, at);
        HttpResponse<String> paid = ShopCalls.HTTP.send(HttpRequest.newBuilder(URI.create(ShopCalls.base(node, shop)
                        + "api/payments/callback/sandbox")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(SandboxSignature.HEADER, SandboxSignature.sign(sandboxSecret(shop), at, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        return orderId;
    }

    /** The shop's sandbox signing secret, as the sandbox's own server knows it. */
    static String sandboxSecret(RealmFixtures.TenantRealm shop) {
        String sealed = queryText("SELECT sealed_credentials FROM " + shop.tenant().schemaName()
                + ".payment_settings WHERE provider = 'sandbox'");
        String json = new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).open(shop.tenant().slug().value(), sealed);
        return Json.createReader(new StringReader(json)).readObject().getString("webhookSecret");
    }

    /** The session cookies of {@code email} signed in to {@code shop} on {@code node} (a browser signs in once, then quits). */
    static String session(PayaraMicroNode node, RealmFixtures.TenantRealm shop, String email, String password) {
        return SESSIONS.computeIfAbsent(node.httpPort() + "/" + shop.tenant().slug().value() + "/" + email, k -> {
            WebDriver browser = signedIn(node, shop, email, password);
            try {
                return browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
            } finally {
                browser.quit();
            }
        });
    }

    /** A browser in which {@code email} has signed in to {@code shop} on {@code node}; the caller quits it. */
    static WebDriver signedIn(PayaraMicroNode node, RealmFixtures.TenantRealm shop, String email, String password) {
        WebDriver browser = Chromium.start("en");
        String base = ShopCalls.base(node, shop);
        browser.get(base + "account/profile.xhtml");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(base) && !d.findElements(By.id("sign-out")).isEmpty());
        return browser;
    }
}
