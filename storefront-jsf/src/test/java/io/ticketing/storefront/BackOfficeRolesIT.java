package io.ticketing.storefront;

import static io.ticketing.storefront.ShopCalls.base;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.ticketing.storefront.security.BackOfficeArea;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every back-office page and organizer API area for every role, on a real node through the shop's realm: the
 * organizer admin opens everything, staff everything but finance, team, branding, payments and the audit log, the
 * finance team the overview, orders (reading only) and finance; a buyer nothing; and a person of another shop
 * nothing of this one. The nav offers exactly what opens.
 */
class BackOfficeRolesIT {

    private static final String PASSWORD = "roles-pass-1";
    private static final String ADMIN = "boss@roles.test";
    private static final String STAFF = "crew@roles.test";
    private static final String FINANCE = "money@roles.test";
    private static final String BUYER = "buyer@roles.test";
    private static final String OTHER_ADMIN = "boss@other-roles.test";

    /** What each role opens (a reader sees the pages but may only GET the API). */
    private static final Map<String, Set<BackOfficeArea>> OPENS = Map.of(
            ADMIN, EnumSet.allOf(BackOfficeArea.class),
            STAFF, EnumSet.complementOf(EnumSet.of(BackOfficeArea.FINANCE, BackOfficeArea.TEAM, BackOfficeArea.BRANDING,
                    BackOfficeArea.PAYMENTS, BackOfficeArea.AUDIT)),
            FINANCE, EnumSet.of(BackOfficeArea.OVERVIEW, BackOfficeArea.ORDERS, BackOfficeArea.FINANCE),
            BUYER, EnumSet.noneOf(BackOfficeArea.class),
            OTHER_ADMIN, EnumSet.noneOf(BackOfficeArea.class));

    /** One GET of the organizer API per area that has one, which answers 200 to those it opens for. */
    private static final Map<BackOfficeArea, String> API_READS = Map.of(
            BackOfficeArea.OVERVIEW, "api/manage/dashboard",
            BackOfficeArea.EVENTS, "api/manage/events",
            BackOfficeArea.COUPONS, "api/manage/coupons",
            BackOfficeArea.ORDERS, "api/manage/orders",
            BackOfficeArea.CHECKIN, "api/manage/checkin/counts",
            BackOfficeArea.MESSAGES, "api/manage/notifications",
            BackOfficeArea.TEAM, "api/manage/team",
            BackOfficeArea.BRANDING, "api/manage/branding",
            BackOfficeArea.PAYMENTS, "api/manage/payments",
            BackOfficeArea.AUDIT, "api/manage/audit");

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static PayaraMicroNode node;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        node = BackOfficeCluster.node1();
        shop = fixtures.tenant("roles-a", BackOfficeCluster.address(node));
        otherShop = fixtures.tenant("roles-b", BackOfficeCluster.address(node));
        node.awaitReady(URI.create(base(node, shop) + "api/events"), Duration.ofMinutes(1));
        fixtures.user(shop, ADMIN, PASSWORD, "organizer-admin");
        fixtures.user(shop, STAFF, PASSWORD, "organizer-staff");
        fixtures.user(shop, FINANCE, PASSWORD, "finance");
        fixtures.user(shop, BUYER, PASSWORD);
        fixtures.user(otherShop, OTHER_ADMIN, PASSWORD, "organizer-admin");
    }

    @AfterAll
    static void stop() {
        fixtures.close(); // the nodes are the run's (BackOfficeCluster)
    }

    @Test
    void everyPageOpensForExactlyTheRolesItsAreaNames() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<BackOfficeArea>> role : OPENS.entrySet()) {
            String cookie = role.getKey().equals(OTHER_ADMIN) ? PaidOrders.session(node, otherShop, OTHER_ADMIN, PASSWORD)
                    : PaidOrders.session(node, shop, role.getKey(), PASSWORD);
            for (BackOfficeArea area : BackOfficeArea.values()) {
                HttpResponse<String> page = page(cookie, area.entry);
                if (role.getKey().equals(OTHER_ADMIN)) {
                    // signed in to the other shop is nobody here: asked to sign in to this one, shown nothing
                    if (page.statusCode() / 100 != 3 || page.body().contains("id=\"area-")) {
                        wrong.add(OTHER_ADMIN + " " + area.entry + ": " + page.statusCode() + " (expected a redirect to sign in)");
                    }
                    continue;
                }
                int expected = role.getValue().contains(area) ? 200 : 403;
                if (page.statusCode() != expected) {
                    wrong.add(role.getKey() + " " + area.entry + ": " + page.statusCode() + " (expected " + expected + ")");
                } else if (expected == 403) {
                    assertThat(page.body()).as(role.getKey() + " " + area.entry).contains("Not for your role")
                            .doesNotContain("id=\"area-");
                }
            }
            if (!role.getValue().isEmpty()) {
                // the nav offers exactly the areas that open
                String overview = page(cookie, role.getValue().contains(BackOfficeArea.OVERVIEW) ? BackOfficeArea.OVERVIEW.entry
                        : role.getValue().iterator().next().entry).body();
                for (BackOfficeArea area : BackOfficeArea.values()) {
                    assertThat(overview.contains("id=\"area-" + area.id() + "\"")).as(role.getKey() + " nav " + area.id())
                            .isEqualTo(role.getValue().contains(area));
                }
            }
        }
        assertThat(wrong).isEmpty();

        // the refusal speaks the reader's language, and names who the area is for
        String finance = PaidOrders.session(node, shop, FINANCE, PASSWORD);
        HttpResponse<String> german = page(finance, BackOfficeArea.EVENTS.entry, "de");
        assertThat(german.statusCode()).isEqualTo(403);
        assertThat(german.body()).contains("<html lang=\"de\"").contains("<title>Nicht für Ihre Rolle</title>")
                .contains("Veranstalter-Admins und Veranstalter-Mitarbeitende").contains(FINANCE + " (finance)");
        HttpResponse<String> chinese = page(finance, BackOfficeArea.TEAM.entry, "zh-CN");
        assertThat(chinese.body()).contains("<html lang=\"zh-CN\"").contains("您的角色无权访问").contains("仅供主办方管理员使用");
    }

    @Test
    void theOrganizerApiOpensAsThePagesDoAndReadersOnlyRead() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<BackOfficeArea>> role : OPENS.entrySet()) {
            RealmFixtures.TenantRealm realm = role.getKey().equals(OTHER_ADMIN) ? otherShop : shop;
            String token = fixtures.token(realm, role.getKey(), PASSWORD);
            for (Map.Entry<BackOfficeArea, String> read : API_READS.entrySet()) {
                // the other shop's admin asks this shop with their own shop's token: not a caller of this shop
                HttpResponse<String> answer = ShopCalls.as(node, shop, token, "GET", read.getValue(), null);
                int expected = role.getKey().equals(OTHER_ADMIN) ? 401 : role.getValue().contains(read.getKey()) ? 200 : 403;
                // let in, an endpoint may still ask for its own input (check-in counts want an event): not a refusal
                boolean letIn = answer.statusCode() != 401 && answer.statusCode() != 403;
                if (expected == 200 ? !letIn : answer.statusCode() != expected) {
                    wrong.add(role.getKey() + " GET " + read.getValue() + ": " + answer.statusCode() + " (expected " + expected + ") "
                            + answer.body().substring(0, Math.min(200, answer.body().length())));
                }
            }
        }
        assertThat(wrong).isEmpty();
        // finance reads orders but may not change them; the refusal says so
        String finance = fixtures.token(shop, FINANCE, PASSWORD);
        HttpResponse<String> refund = ShopCalls.as(node, shop, finance, "POST",
                "api/manage/orders/00000000-0000-0000-0000-000000000000/refunds", "{\"restock\": true}");
        assertThat(refund.statusCode()).isEqualTo(403);
        assertThat(refund.body()).contains("you may only read it");
    }

    private static HttpResponse<String> page(String cookie, String path) throws Exception {
        return page(cookie, path, "en");
    }

    private static HttpResponse<String> page(String cookie, String path, String language) throws Exception {
        return ShopCalls.HTTP.send(HttpRequest.newBuilder(URI.create(base(node, shop) + path.substring(1)))
                .timeout(Duration.ofSeconds(30)).header("Cookie", cookie).header("Accept-Language", language).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
