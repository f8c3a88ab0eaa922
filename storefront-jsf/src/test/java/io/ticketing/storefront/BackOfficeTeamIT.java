package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.KeycloakUsers;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.MailServer;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shop's team on a real node, Keycloak, mail server and Chromium: an organizer admin invites a person by e-mail
 * as staff on the team page, Keycloak's own mail reaches them, they set their password through its link and sign in
 * to the back office with exactly the staff role (events and orders, never payments or the team); their role changed
 * to finance, they reach the reports and no longer check-in; taken out of the team, the back office is closed to them
 * while their account stays. The last organizer admin cannot step down; staff and finance are refused the team page
 * and API; a customer's own account is never elevated; the other shop's people are never listed nor reachable.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackOfficeTeamIT {

    private static final String PASSWORD = "team-pass-1";
    private static final String NEW_PASSWORD = "chosen-pass-9";
    private static final String BOSS = "boss@team.test";
    private static final String CREW = "crew@team.test";
    private static final String MONEY = "money@team.test";
    private static final String BUYER = "buyer@team.test";
    private static final String NEWCOMER = "nora.neu@team.test";
    private static final String OTHER_BOSS = "boss@other-team.test";
    private static final String OTHER_CREW = "crew@other-team.test";
    private static final Pattern ACTION_LINK = Pattern.compile("https?://[^\\s\"'<>]+/login-actions/action-token\\?[^\\s\"'<>]+");

    private static RealmFixtures fixtures;
    private static Keycloak check;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static PayaraMicroNode node;
    private static String bossId;
    private static String otherCrewId;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        node = BackOfficeCluster.node1();
        check = KeycloakUsers.admin();
        shop = fixtures.tenant("team-a", BackOfficeCluster.address(node));
        otherShop = fixtures.tenant("team-b", BackOfficeCluster.address(node));
        fixtures.user(shop, BOSS, PASSWORD, "organizer-admin");
        fixtures.user(shop, CREW, PASSWORD, "organizer-staff");
        fixtures.user(shop, MONEY, PASSWORD, "finance");
        fixtures.user(shop, BUYER, PASSWORD);
        fixtures.user(otherShop, OTHER_BOSS, PASSWORD, "organizer-admin");
        fixtures.user(otherShop, OTHER_CREW, PASSWORD, "organizer-staff");
        bossId = check.realm(shop.realm()).users().searchByEmail(BOSS, true).get(0).getId();
        otherCrewId = check.realm(otherShop.realm()).users().searchByEmail(OTHER_CREW, true).get(0).getId();
    }

    @AfterAll
    static void stop() {
        if (check != null) {
            check.close();
        }
        fixtures.close(); // the nodes are the run's (BackOfficeCluster)
    }

    @Test
    @Order(1)
    void anAdminInvitesStaffWhoSetsTheirPasswordThroughKeycloaksMailAndSignsInAsStaff() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node, shop, BOSS, PASSWORD);
        try {
            Wait<WebDriver> wait = waitIn(browser);
            browser.get(ShopCalls.base(node, shop) + "manage/team/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
            assertThat(listed(browser)).containsExactly(BOSS, CREW, MONEY);
            assertThat(row(browser, MONEY).findElement(By.cssSelector(".member-roles")).getText()).isEqualTo("Finance");
            assertThat(row(browser, BOSS).findElement(By.cssSelector(".member-status")).getText()).startsWith("Active");
            Axe.assertClean(browser, "team");
            Keyboard.assertFocusVisible(browser, "team");

            // words a person understands, beside the field
            invite(browser, "not-an-address", "organizer-staff");
            assertThat(fieldError(browser, "email")).isEqualTo("This is not an e-mail address. Write it like name@example.com.");
            assertThat(browser.findElement(By.id("invite:email")).getAttribute("aria-invalid")).isEqualTo("true");
            Axe.assertClean(browser, "team-invalid-email");
            // a customer's own account is never given the back office
            invite(browser, BUYER, "organizer-staff");
            assertThat(fieldError(browser, "email")).startsWith(BUYER + " already has an account in this shop that the platform did not make");
            assertThat(roles(shop, BUYER)).doesNotContain("organizer-staff");
            invite(browser, CREW, "finance");
            assertThat(fieldError(browser, "email")).startsWith(CREW + " is in the team already");

            browser.findElement(By.id("invite:firstName")).sendKeys("Nora");
            browser.findElement(By.id("invite:lastName")).sendKeys("Neu");
            invite(browser, NEWCOMER, "organizer-staff");
            assertThat(browser.findElement(By.id("messages")).getText())
                    .contains("Invitation sent to " + NEWCOMER + " as Staff");
            assertThat(row(browser, NEWCOMER).findElement(By.cssSelector(".member-status")).getText()).startsWith("Invited");
            browser.manage().window().setSize(new Dimension(1280, 1400));
            Chromium.screenshot(browser, "team");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "team-390");
            browser.manage().window().setSize(new Dimension(390, 2600));
            Chromium.screenshot(browser, "team-390");
        } finally {
            browser.quit();
        }
        assertThat(audit("member.invite", NEWCOMER)).contains("\"roles\": \"organizer-staff\"");

        // Keycloak's own mail, with a link that lets the person set their password
        List<MimeMessage> mail = MailServer.shared().await(m -> MailServer.recipients(m).contains(NEWCOMER), 1, Duration.ofSeconds(60));
        String link = actionLink(mail.get(0));
        WebDriver invitee = Chromium.start("en");
        try {
            Wait<WebDriver> wait = waitIn(invitee);
            invitee.get(link);
            wait.until(d -> !d.findElements(By.id("password-new")).isEmpty()
                    || !d.findElements(By.cssSelector("a[href*='login-actions']")).isEmpty());
            if (invitee.findElements(By.id("password-new")).isEmpty()) {
                Chromium.clickAndLoad(invitee, By.cssSelector("a[href*='login-actions']"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password-new")));
            }
            WebElement form = invitee.findElement(By.id("password-new"));
            form.sendKeys(NEW_PASSWORD);
            invitee.findElement(By.id("password-confirm")).sendKeys(NEW_PASSWORD);
            invitee.findElement(By.cssSelector("[type=submit]")).click();
            wait.until(Chromium.gone(form));
        } finally {
            invitee.quit();
        }
        var account = check.realm(shop.realm()).users().searchByEmail(NEWCOMER, true).get(0);
        assertThat(account.isEmailVerified()).as("following the mailed link proves the address").isTrue();
        assertThat(account.getFirstName()).isEqualTo("Nora");

        // signed in as staff: events and orders, never payments or the team
        WebDriver staff = PaidOrders.signedIn(node, shop, NEWCOMER, NEW_PASSWORD);
        try {
            staff.get(ShopCalls.base(node, shop) + "manage/checkin.xhtml");
            waitIn(staff).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav.areas")));
            assertThat(staff.findElements(By.id("area-events"))).hasSize(1);
            assertThat(staff.findElements(By.id("area-orders"))).hasSize(1);
            assertThat(staff.findElements(By.id("area-payments"))).isEmpty();
            assertThat(staff.findElements(By.id("area-team"))).isEmpty();
            String session = cookies(staff);
            assertThat(page(session, "manage/checkin.xhtml")).isEqualTo(200);
            assertThat(page(session, "manage/events/index.xhtml")).isNotEqualTo(403);
            assertThat(page(session, "manage/orders/index.xhtml")).isNotEqualTo(403);
            assertThat(page(session, "manage/payments/index.xhtml")).isEqualTo(403);
            assertThat(page(session, "manage/team/index.xhtml")).isEqualTo(403);
        } finally {
            staff.quit();
        }
        String token = fixtures.token(shop, NEWCOMER, NEW_PASSWORD);
        assertThat(ShopCalls.as(node, shop, token, "GET", "api/manage/events", null).statusCode()).isEqualTo(200);
        assertThat(ShopCalls.as(node, shop, token, "GET", "api/manage/orders", null).statusCode()).isEqualTo(200);
        assertThat(ShopCalls.as(node, shop, token, "GET", "api/manage/payments", null).statusCode()).isEqualTo(403);
        assertThat(ShopCalls.as(node, shop, token, "GET", "api/manage/team", null).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void aRoleChangedToFinanceOpensTheReportsAndClosesCheckIn() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node, shop, BOSS, PASSWORD);
        try {
            Wait<WebDriver> wait = waitIn(browser);
            browser.get(ShopCalls.base(node, shop) + "manage/team/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
            new Select(row(browser, NEWCOMER).findElement(By.cssSelector("select.new-role"))).selectByValue("finance");
            Chromium.clickAndLoad(browser, rowButton(NEWCOMER, "change-role"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
            assertThat(browser.findElement(By.id("messages")).getText()).contains(NEWCOMER + " is now Finance");
            assertThat(row(browser, NEWCOMER).findElement(By.cssSelector(".member-roles")).getText()).isEqualTo("Finance");
        } finally {
            browser.quit();
        }
        assertThat(roles(shop, NEWCOMER)).contains("finance").doesNotContain("organizer-staff");
        String entry = audit("member.role", NEWCOMER);
        assertThat(entry).contains("organizer-staff").contains("finance");

        String session = session(NEWCOMER, NEW_PASSWORD);
        assertThat(page(session, "manage/finance/index.xhtml")).isEqualTo(200);
        assertThat(page(session, "manage/checkin.xhtml")).isEqualTo(403);
        String token = fixtures.token(shop, NEWCOMER, NEW_PASSWORD);
        assertThat(ShopCalls.as(node, shop, token, "GET", "api/manage/checkin", null).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void aPersonTakenOutOfTheTeamCannotOpenTheBackOfficeAndKeepsTheirAccount() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node, shop, BOSS, PASSWORD);
        try {
            Wait<WebDriver> wait = waitIn(browser);
            browser.get(ShopCalls.base(node, shop) + "manage/team/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
            Chromium.clickAndLoad(browser, rowButton(NEWCOMER, "remove-member"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
            assertThat(browser.findElement(By.id("messages")).getText()).contains(NEWCOMER + " is no longer in the team");
            assertThat(listed(browser)).containsExactly(BOSS, CREW, MONEY);
        } finally {
            browser.quit();
        }
        assertThat(check.realm(shop.realm()).users().searchByEmail(NEWCOMER, true)).as("the account stays").hasSize(1);
        assertThat(roles(shop, NEWCOMER)).doesNotContain("organizer-admin", "organizer-staff", "finance");
        assertThat(audit("member.remove", NEWCOMER)).contains("finance");

        String session = session(NEWCOMER, NEW_PASSWORD);
        assertThat(page(session, "manage/index.xhtml")).isEqualTo(403);
        assertThat(page(session, "manage/finance/index.xhtml")).isEqualTo(403);
        String token = fixtures.token(shop, NEWCOMER, NEW_PASSWORD);
        assertThat(ShopCalls.as(node, shop, token, "GET", "api/manage/orders", null).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void theLastOrganizerAdminCannotStepDown() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node, shop, BOSS, PASSWORD);
        try {
            Wait<WebDriver> wait = waitIn(browser);
            browser.get(ShopCalls.base(node, shop) + "manage/team/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
            new Select(row(browser, BOSS).findElement(By.cssSelector("select.new-role"))).selectByValue("organizer-staff");
            Chromium.clickAndLoad(browser, rowButton(BOSS, "change-role"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
            assertThat(row(browser, BOSS).findElement(By.cssSelector(".row-error")).getText())
                    .isEqualTo("The shop must keep an organizer admin who can sign in, and this is the last one."
                            + " Make someone else organizer admin first.");
            assertThat(row(browser, BOSS).findElement(By.cssSelector(".member-roles")).getText()).isEqualTo("Organizer admin");
            Axe.assertClean(browser, "team-last-admin");
        } finally {
            browser.quit();
        }
        String boss = fixtures.token(shop, BOSS, PASSWORD);
        HttpResponse<String> demote = ShopCalls.as(node, shop, boss, "PUT", "api/manage/team/" + bossId, "{\"role\":\"finance\"}");
        assertThat(demote.statusCode()).as(demote.body()).isEqualTo(409);
        assertThat(json(demote.body()).getString("field")).isEqualTo("role");
        assertThat(ShopCalls.as(node, shop, boss, "DELETE", "api/manage/team/" + bossId, null).statusCode()).isEqualTo(409);
        assertThat(roles(shop, BOSS)).contains("organizer-admin");
    }

    @Test
    @Order(5)
    void staffAndFinanceAreRefusedTheTeamAndTheOtherShopsPeopleAreNeverReached() throws Exception {
        for (String who : List.of(CREW, MONEY)) {
            assertThat(page(session(who, PASSWORD), "manage/team/index.xhtml")).as(who).isEqualTo(403);
            String token = fixtures.token(shop, who, PASSWORD);
            assertThat(ShopCalls.as(node, shop, token, "GET", "api/manage/team", null).statusCode()).as(who).isEqualTo(403);
            assertThat(ShopCalls.as(node, shop, token, "POST", "api/manage/team",
                    "{\"email\":\"sneaky@team.test\",\"role\":\"organizer-admin\"}").statusCode()).as(who).isEqualTo(403);
        }
        assertThat(check.realm(shop.realm()).users().searchByEmail("sneaky@team.test", true)).isEmpty();

        String boss = fixtures.token(shop, BOSS, PASSWORD);
        HttpResponse<String> list = ShopCalls.as(node, shop, boss, "GET", "api/manage/team", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list.body()).getJsonArray("members").stream().map(m -> m.asJsonObject().getString("email")).toList())
                .containsExactly(BOSS, CREW, MONEY);
        assertThat(list.body()).doesNotContain(OTHER_BOSS).doesNotContain(OTHER_CREW).doesNotContain(otherCrewId);
        // the other shop's member by id: not found here, and left as they were
        assertThat(ShopCalls.as(node, shop, boss, "PUT", "api/manage/team/" + otherCrewId, "{\"role\":\"finance\"}").statusCode())
                .isEqualTo(404);
        assertThat(ShopCalls.as(node, shop, boss, "DELETE", "api/manage/team/" + otherCrewId, null).statusCode()).isEqualTo(404);
        assertThat(roles(otherShop, OTHER_CREW)).contains("organizer-staff").doesNotContain("finance");
        // the other shop's admin token is nobody here
        String otherBoss = IdentityTestSettings.token(otherShop.realm(), "storefront", otherShop.clientSecret(), OTHER_BOSS, PASSWORD);
        assertThat(ShopCalls.as(node, shop, otherBoss, "GET", "api/manage/team", null).statusCode()).isEqualTo(401);

        // bad input through the API: the field named
        HttpResponse<String> badEmail = ShopCalls.as(node, shop, boss, "POST", "api/manage/team", "{\"email\":\"x\",\"role\":\"finance\"}");
        assertThat(badEmail.statusCode()).isEqualTo(422);
        assertThat(json(badEmail.body()).getString("field")).isEqualTo("email");
        HttpResponse<String> badRole = ShopCalls.as(node, shop, boss, "POST", "api/manage/team",
                "{\"email\":\"someone@team.test\",\"role\":\"root\"}");
        assertThat(badRole.statusCode()).isEqualTo(422);
        assertThat(json(badRole.body()).getString("field")).isEqualTo("role");
        HttpResponse<String> buyer = ShopCalls.as(node, shop, boss, "POST", "api/manage/team",
                "{\"email\":\"" + BUYER + "\",\"role\":\"organizer-admin\"}");
        assertThat(buyer.statusCode()).isEqualTo(409);
        assertThat(roles(shop, BUYER)).doesNotContain("organizer-admin");
    }

    @Test
    @Order(6)
    void thePageSpeaksGermanAndChinese() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node, shop, BOSS, PASSWORD);
        try {
            for (Map.Entry<String, String> language : List.of(Map.entry("de", "Team und Rollen"), Map.entry("zh-CN", "团队与角色"))) {
                browser.get(ShopCalls.base(node, shop) + "manage/team/index.xhtml?lang=" + language.getKey());
                waitIn(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
                assertThat(browser.findElement(By.id("team-title")).getText()).isEqualTo(language.getValue());
                Axe.assertClean(browser, "team-" + language.getKey());
                browser.manage().window().setSize(new Dimension(1280, 1200));
                Chromium.screenshot(browser, "team-" + language.getKey());
                browser.manage().window().setSize(new Dimension(1280, 800));
            }
            assertThat(row(browser, CREW).findElement(By.cssSelector(".member-roles")).getText()).isEqualTo("员工");
        } finally {
            browser.quit();
        }
    }

    // --- helpers

    private static void invite(WebDriver browser, String email, String role) {
        WebElement field = browser.findElement(By.id("invite:email"));
        field.clear();
        field.sendKeys(email);
        new Select(browser.findElement(By.id("invite:role"))).selectByValue(role);
        Chromium.clickAndLoad(browser, By.id("invite:send"));
        waitIn(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
    }

    private static String fieldError(WebDriver browser, String field) {
        return browser.findElement(By.cssSelector("[id='invite:" + field + "-error'] .field-error")).getText().strip();
    }

    private static List<String> listed(WebDriver browser) {
        return browser.findElements(By.cssSelector("#members tr.member")).stream().map(r -> r.getAttribute("data-email")).toList();
    }

    private static WebElement row(WebDriver browser, String email) {
        return browser.findElement(By.cssSelector("#members tr.member[data-email='" + email + "']"));
    }

    private static By rowButton(String email, String styleClass) {
        return By.cssSelector("#members tr.member[data-email='" + email + "'] input." + styleClass);
    }

    private static Wait<WebDriver> waitIn(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
    }

    /** A fresh sign-in (never a cached one: roles are read at sign-in), as a Cookie header. */
    private static String session(String email, String password) {
        WebDriver browser = PaidOrders.signedIn(node, shop, email, password);
        try {
            return cookies(browser);
        } finally {
            browser.quit();
        }
    }

    private static String cookies(WebDriver browser) {
        return browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    private static int page(String cookies, String path) throws Exception {
        return ShopCalls.HTTP.send(HttpRequest.newBuilder(URI.create(ShopCalls.base(node, shop) + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookies).header("Accept-Language", "en").GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<String> roles(RealmFixtures.TenantRealm realm, String email) {
        var users = check.realm(realm.realm()).users();
        return users.get(users.searchByEmail(email, true).get(0).getId()).roles().realmLevel().listAll().stream()
                .map(r -> r.getName()).toList();
    }

    /** The latest audit entry of {@code action} on the member, as text (detail, before and after). */
    private static String audit(String action, String email) {
        String schema = shop.tenant().schemaName();
        assertThat(queryLong("SELECT count(*) FROM " + schema + ".staff_audit WHERE action = '" + action + "' AND subject = 'member:"
                + email + "' AND actor_email = '" + BOSS + "'")).as(action).isEqualTo(1);
        return queryText("SELECT detail || ' ' || coalesce(before_values::text, '') || ' ' || coalesce(after_values::text, '') FROM "
                + schema + ".staff_audit WHERE action = '" + action + "' AND subject = 'member:" + email + "' ORDER BY id DESC LIMIT 1");
    }

    private static String actionLink(MimeMessage message) throws Exception {
        Matcher m = ACTION_LINK.matcher(text(message));
        assertThat(m.find()).as("a set-password link in Keycloak's mail").isTrue();
        return m.group().replace("&amp;", "&");
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multi) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multi.getCount(); i++) {
                all.append(text(multi.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return "";
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
