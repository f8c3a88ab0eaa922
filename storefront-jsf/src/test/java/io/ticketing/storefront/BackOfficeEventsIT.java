package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The back office's events area on two real nodes: in Chromium an organizer adds a venue, an event with two
 * ticket types and puts it on sale, and the shop sells it; a new price shows on both nodes; the capacity never
 * goes below what is sold and held, and lowered on sale the other node stops selling at it; staff may do it all, finance and other
 * shops may not; every page in English, German and Chinese, axe-clean and usable at 390 px.
 */
class BackOfficeEventsIT {

    private static final String PASSWORD = "events-pass-1";
    private static final String BOSS = "boss@events.test";
    private static final String CREW = "crew@events.test";
    private static final String MONEY = "money@events.test";
    private static final String BUYER = "buyer@events.test";
    private static final String OTHER_BOSS = "boss@other-events.test";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;
    private static long otherEvent;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        node1 = BackOfficeCluster.node1();
        node2 = BackOfficeCluster.node2();
        shop = fixtures.tenant("boev-a", BackOfficeCluster.address(node1));
        fixtures.allowSignInAt(shop, BackOfficeCluster.address(node2));
        otherShop = fixtures.tenant("boev-b", BackOfficeCluster.address(node1));
        fixtures.user(shop, BOSS, PASSWORD, "organizer-admin");
        fixtures.user(shop, CREW, PASSWORD, "organizer-staff");
        fixtures.user(shop, MONEY, PASSWORD, "finance");
        fixtures.user(shop, BUYER, PASSWORD);
        fixtures.user(otherShop, OTHER_BOSS, PASSWORD, "organizer-admin");
        // the other shop's event has an id this shop never reaches
        String other = otherShop.tenant().schemaName();
        queryLong("SELECT setval(pg_get_serial_sequence('" + other + ".event', 'id'), 900000)");
        CatalogFixtures otherCatalog = new CatalogFixtures(ClusterTestSupport.DB, otherShop.tenant());
        long hall = otherCatalog.venue("Other Hall", "Vienna", "AT", ZoneId.of("Europe/Vienna"));
        otherEvent = otherCatalog.eventOnSale(hall, "Other Shop Night", "Jazz", OffsetDateTime.now(ZoneOffset.UTC).plusDays(9), "EUR",
                "Floor", 4000);
    }

    @AfterAll
    static void stop() {
        fixtures.close(); // the nodes are the run's (BackOfficeCluster)
    }

    @Test
    void anOrganizerBuildsAnEventSellsItAndChangesItsTicketTypesOnBothNodes() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node1, shop, BOSS, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            String base = ShopCalls.base(node1, shop);

            // a venue
            browser.get(base + "manage/events/venues.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("venueForm:name")));
            assertThat(browser.findElement(By.id("area-events")).getAttribute("aria-current")).isEqualTo("page");
            browser.findElement(By.id("venueForm:city")).sendKeys("Hamburg");
            Chromium.clickAndLoad(browser, By.id("venueForm:save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("venueForm:name")));
            assertThat(browser.findElement(By.id("venueForm:name-error")).getText()).isEqualTo("Give the venue a name (at most 200 characters).");
            browser.findElement(By.id("venueForm:name")).sendKeys("Elbphilharmonie");
            browser.findElement(By.id("venueForm:country")).sendKeys("de");
            new Select(browser.findElement(By.id("venueForm:timeZone"))).selectByValue("Europe/Berlin");
            Chromium.clickAndLoad(browser, By.id("venueForm:save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("venues-table")));
            assertThat(browser.findElement(By.id("venues-table")).getText()).contains("Elbphilharmonie").contains("Hamburg, DE");
            assertThat(browser.findElement(By.id("messages")).getText()).contains("Venue added.");
            long venue = queryLong("SELECT id FROM " + schema() + ".venue WHERE name = 'Elbphilharmonie'");
            Axe.assertClean(browser, "backoffice-venues");
            Chromium.screenshot(browser, "backoffice-venues");

            // an event: starting 19:30 at the venue, whatever the browser's zone
            LocalDateTime start = LocalDateTime.now(BERLIN).plusDays(30).withHour(19).withMinute(30).truncatedTo(ChronoUnit.MINUTES);
            browser.get(base + "manage/events/edit.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("eventForm:title")));
            browser.findElement(By.id("eventForm:title")).sendKeys("Harbour Lights");
            browser.findElement(By.id("eventForm:category")).sendKeys("Concert");
            browser.findElement(By.id("eventForm:description")).sendKeys("An evening by the water.");
            new Select(browser.findElement(By.id("eventForm:venueId"))).selectByValue(Long.toString(venue));
            setValue(browser, "eventForm:startsAt", LocalDateTime.now(BERLIN).minusDays(1).truncatedTo(ChronoUnit.MINUTES).toString());
            Chromium.clickAndLoad(browser, By.id("eventForm:save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("eventForm:startsAt-error")));
            assertThat(browser.findElement(By.id("eventForm:startsAt-error")).getText()).isEqualTo("Give a start date and time in the future.");
            assertThat(browser.findElement(By.id("eventForm:title")).getAttribute("value")).as("nothing typed is lost").isEqualTo("Harbour Lights");
            setValue(browser, "eventForm:startsAt", start.toString());
            setValue(browser, "eventForm:endsAt", start.plusHours(3).toString());
            Chromium.clickAndLoad(browser, By.id("eventForm:save"));
            wait.until(d -> d.getCurrentUrl().contains("event="));
            long event = Long.parseLong(browser.getCurrentUrl().replaceAll(".*event=(\\d+).*", "$1"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("event-status")));
            assertThat(browser.findElement(By.id("event-status")).getText()).isEqualTo("Draft");
            assertThat(OffsetDateTime.parse(queryText("SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI') || 'Z' FROM "
                    + schema() + ".event WHERE id = " + event)).toInstant())
                    .as("19:30 in Hamburg").isEqualTo(start.atZone(BERLIN).toInstant());
            assertThat(browser.findElement(By.id("eventForm:startsAt")).getAttribute("value")).isEqualTo(start.toString());
            assertThat(browser.findElement(By.id("cancel-link")).getAttribute("href")).endsWith("manage/events/cancel.xhtml?event=" + event);
            assertThat(browser.findElement(By.id("series-link")).getAttribute("href")).endsWith("manage/events/series.xhtml?event=" + event);

            // on sale without a ticket type: refused, in words
            Chromium.clickAndLoad(browser, By.id("status:on-sale"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("messages")));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("Add a ticket type first");
            assertThat(queryText("SELECT status FROM " + schema() + ".event WHERE id = " + event)).isEqualTo("DRAFT");

            // two ticket types
            addType(browser, wait, "Stalls", "25.00", "100");
            addType(browser, wait, "Balcony", "15,50", "50");
            assertThat(browser.findElements(By.cssSelector("#types-table tr.type-row"))).hasSize(2);
            long stalls = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + event + " AND name = 'Stalls'");
            long balcony = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + event + " AND name = 'Balcony'");
            assertThat(queryLong("SELECT price_minor FROM " + schema() + ".ticket_type WHERE id = " + balcony)).isEqualTo(1550);

            Chromium.clickAndLoad(browser, By.id("status:on-sale"));
            wait.until(ExpectedConditions.textToBe(By.id("event-status"), "On sale"));

            // the shop lists it and sells it, on both nodes
            assertThat(page(node1, "")).contains("Harbour Lights");
            assertThat(page(node2, "events/" + event)).contains("Stalls").contains("25.00");
            String buyer = fixtures.token(shop, BUYER, PASSWORD);
            PaidOrders.pay(node1, shop, PaidOrders.order(node1, shop, buyer, BUYER, "Hanna Hafen",
                    List.of(new PaidOrders.Line(stalls, 2)), null));
            HttpResponse<String> held = ShopCalls.as(node2, shop, buyer, "POST", "api/holds",
                    "{\"ticketTypeId\": " + stalls + ", \"quantity\": 1}");
            assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
            browser.get(base + "manage/events/edit.xhtml?event=" + event);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("types-table")));
            assertThat(figures(browser, stalls)).containsExactly("2", "1", "97");
            assertThat(figures(browser, balcony)).containsExactly("0", "0", "50");

            // a new price shows on both nodes
            Chromium.clickAndLoad(browser, By.cssSelector("tr.type-row[data-id='" + stalls + "'] a.edit-type"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("typeForm:price")));
            assertThat(browser.findElement(By.id("typeForm:name")).getAttribute("value")).isEqualTo("Stalls");
            replace(browser, "typeForm:price", "30.00");
            Chromium.clickAndLoad(browser, By.id("typeForm:save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("types-table")));
            assertThat(browser.findElement(By.cssSelector("tr.type-row[data-id='" + stalls + "'] .price")).getText()).isEqualTo("€30.00");
            assertThat(page(node1, "events/" + event)).contains("30.00").doesNotContain("25.00");
            assertThat(page(node2, "events/" + event)).contains("30.00").doesNotContain("25.00");
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE action = 'ticket-type.edit' AND subject = 'ticket-type:"
                    + stalls + "' AND before_values->>'price' = 'EUR 25.00' AND after_values->>'price' = 'EUR 30.00'"
                    + " AND actor_email = '" + BOSS + "'")).isEqualTo(1);

            // capacity: never below sold + held; lowered and raised on sale (the shared stock follows on both nodes)
            browser.get(base + "manage/events/edit.xhtml?event=" + event + "&type=" + stalls);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("typeForm:capacity")));
            replace(browser, "typeForm:capacity", "2");
            Chromium.clickAndLoad(browser, By.id("typeForm:save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("typeForm:capacity-error")));
            assertThat(browser.findElement(By.id("typeForm:capacity-error")).getText())
                    .isEqualTo("The capacity cannot go below the 3 tickets already taken (2 sold, 1 held).");
            replace(browser, "typeForm:capacity", "3");
            Chromium.clickAndLoad(browser, By.id("typeForm:save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("types-table")));
            assertThat(figures(browser, stalls)).containsExactly("2", "1", "0");
            assertThat(queryLong("SELECT capacity FROM " + schema() + ".ticket_type WHERE id = " + stalls)).isEqualTo(3);
            HttpResponse<String> soldOut = ShopCalls.as(node2, shop, buyer, "POST", "api/holds",
                    "{\"ticketTypeId\": " + stalls + ", \"quantity\": 1}");
            assertThat(soldOut.statusCode()).as("the other node's take stops at the lowered number").isEqualTo(409);
            assertThat(soldOut.body()).contains("sold_out");
            browser.get(base + "manage/events/edit.xhtml?event=" + event + "&type=" + stalls);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("typeForm:capacity")));
            replace(browser, "typeForm:capacity", "150");
            Chromium.clickAndLoad(browser, By.id("typeForm:save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("types-table")));
            assertThat(figures(browser, stalls)).containsExactly("2", "1", "147");
            HttpResponse<String> api = ShopCalls.as(node2, shop, buyer, "GET", "api/events/" + event, null);
            assertThat(api.body()).contains("\"available\":147");

            // the save came back to #types-title, which takes focus: the keyboard walk starts on a fresh load
            browser.get(base + "manage/events/edit.xhtml?event=" + event);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("types-table")));
            Axe.assertClean(browser, "backoffice-event");
            Keyboard.assertFocusVisible(browser, "backoffice-event");
            browser.manage().window().setSize(new Dimension(1280, 2600));
            Chromium.screenshot(browser, "backoffice-event");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "backoffice-event-390");
            browser.manage().window().setSize(new Dimension(390, 5200));
            Chromium.screenshot(browser, "backoffice-event-390");
            browser.manage().window().setSize(new Dimension(1280, 800));

            // a copy on another date: a draft with the same types and stock of its own
            LocalDateTime later = start.plusDays(7);
            setValue(browser, "copy:startsAt", later.toString());
            Chromium.clickAndLoad(browser, By.id("copy:duplicate"));
            wait.until(d -> d.getCurrentUrl().matches(".*event=\\d+.*")
                    && Long.parseLong(d.getCurrentUrl().replaceAll(".*event=(\\d+).*", "$1")) != event);
            long copy = Long.parseLong(browser.getCurrentUrl().replaceAll(".*event=(\\d+).*", "$1"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("types-table")));
            assertThat(browser.findElement(By.id("event-status")).getText()).isEqualTo("Draft");
            long copiedStalls = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + copy + " AND name = 'Stalls'");
            assertThat(figures(browser, copiedStalls)).containsExactly("0", "0", "150");
            assertThat(browser.findElement(By.id("eventForm:endsAt")).getAttribute("value")).isEqualTo(later.plusHours(3).toString());
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE action = 'event.duplicate' AND subject = 'event:" + copy + "'"))
                    .isEqualTo(1);

            // back to draft: the balcony shrinks there too
            browser.get(base + "manage/events/edit.xhtml?event=" + event);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("status:off-sale")));
            Chromium.clickAndLoad(browser, By.id("status:off-sale"));
            wait.until(ExpectedConditions.textToBe(By.id("event-status"), "Draft"));
            browser.get(base + "manage/events/edit.xhtml?event=" + event + "&type=" + balcony);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("typeForm:capacity")));
            replace(browser, "typeForm:capacity", "40");
            Chromium.clickAndLoad(browser, By.id("typeForm:save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("types-table")));
            assertThat(figures(browser, balcony)).containsExactly("0", "0", "40");
            assertThat(queryText("SELECT before_values->>'capacity' || '>' || (after_values->>'capacity') FROM " + schema()
                    + ".staff_audit WHERE action = 'ticket-type.edit' AND subject = 'ticket-type:" + balcony + "'")).isEqualTo("50>40");
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE action = 'event.status' AND subject = 'event:" + event + "'"))
                    .isEqualTo(2);

            // the list: every status, soonest first, with the figures; filtered by status and text
            browser.get(base + "manage/events/index.xhtml?q=harbour");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events-table")));
            List<WebElement> rows = browser.findElements(By.cssSelector("#events-table tr.event-row"));
            assertThat(rows).extracting(r -> r.getAttribute("data-id")).containsExactly(Long.toString(event), Long.toString(copy));
            assertThat(rows.get(0).findElement(By.cssSelector(".sold")).getText()).isEqualTo("2");
            assertThat(rows.get(0).findElement(By.cssSelector(".held")).getText()).isEqualTo("1");
            assertThat(rows.get(0).getText()).contains("Elbphilharmonie").contains("19:30");
            Axe.assertClean(browser, "backoffice-events");
            Keyboard.assertFocusVisible(browser, "backoffice-events");
            Chromium.screenshot(browser, "backoffice-events");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "backoffice-events-390");
            browser.manage().window().setSize(new Dimension(390, 1800));
            Chromium.screenshot(browser, "backoffice-events-390");
            browser.manage().window().setSize(new Dimension(1280, 800));
            browser.get(base + "manage/events/index.xhtml?status=DRAFT&q=harbour");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events-table")));
            assertThat(browser.findElements(By.cssSelector("#events-table tr.event-row"))).hasSize(2);
            browser.get(base + "manage/events/index.xhtml?status=ON_SALE&q=harbour");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-events")));

            // German and Chinese
            for (Map.Entry<String, List<String>> language : Map.of(
                    "de", List.of("Veranstaltungen", "Ticketarten", "Spielstätten"),
                    "zh-CN", List.of("活动", "票种", "场馆")).entrySet()) {
                String lang = language.getKey();
                browser.get(base + "manage/events/index.xhtml?lang=" + lang);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events-title")));
                assertThat(browser.findElement(By.id("events-title")).getText()).isEqualTo(language.getValue().get(0));
                Axe.assertClean(browser, "backoffice-events-" + lang);
                browser.get(base + "manage/events/edit.xhtml?event=" + event + "&lang=" + lang);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("types-title")));
                assertThat(browser.findElement(By.id("types-title")).getText()).isEqualTo(language.getValue().get(1));
                Axe.assertClean(browser, "backoffice-event-" + lang);
                browser.manage().window().setSize(new Dimension(1280, 2600));
                Chromium.screenshot(browser, "backoffice-event-" + lang);
                browser.manage().window().setSize(new Dimension(1280, 800));
                browser.get(base + "manage/events/venues.xhtml?lang=" + lang);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("venues-title")));
                assertThat(browser.findElement(By.id("venues-title")).getText()).isEqualTo(language.getValue().get(2));
                Axe.assertClean(browser, "backoffice-venues-" + lang);
            }
            browser.get(base + "manage/events/index.xhtml?lang=en");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aCapacityLoweredInTheMiddleOfARushIsNeverPassedOnEitherNode() throws Exception {
        // the organizer admin: the staff test counts what CREW did
        String boss = fixtures.token(shop, BOSS, PASSWORD);
        String buyer = fixtures.token(shop, BUYER, PASSWORD);
        HttpResponse<String> venue = ShopCalls.as(node1, shop, boss, "POST", "api/manage/venues",
                "{\"name\":\"Rush Hall\",\"city\":\"Kiel\",\"country\":\"DE\",\"timeZone\":\"Europe/Berlin\"}");
        String startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(20).truncatedTo(ChronoUnit.MINUTES).toString();
        long eventId = id(ShopCalls.as(node1, shop, boss, "POST", "api/manage/events",
                "{\"venueId\":" + id(venue.body()) + ",\"title\":\"Rush Night\",\"startsAt\":\"" + startsAt + "\"}").body());
        String typePath = "api/manage/events/" + eventId + "/ticket-types";
        long typeId = id(ShopCalls.as(node1, shop, boss, "POST", typePath,
                "{\"name\":\"Rush\",\"price\":{\"amount\":\"9.00\",\"currency\":\"EUR\"},\"capacity\":1000}").body());
        assertThat(ShopCalls.as(node2, shop, boss, "PUT", "api/manage/events/" + eventId + "/status", "{\"status\":\"ON_SALE\"}")
                .statusCode()).isEqualTo(200);
        String rows = "SELECT count(*) FROM " + schema() + ".hold_slot WHERE ticket_type_id = " + typeId;

        // eight buyers' tabs take one ticket at a time on both nodes until the shop says sold out
        java.util.concurrent.atomic.AtomicInteger granted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService rush = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> tabs = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            PayaraMicroNode node = t % 2 == 0 ? node1 : node2;
            tabs.add(rush.submit(() -> {
                for (int attempt = 0; attempt < 2000; attempt++) {
                    HttpResponse<String> hold = ShopCalls.as(node, shop, buyer, "POST", "api/holds",
                            "{\"ticketTypeId\": " + typeId + ", \"quantity\": 1}");
                    if (hold.statusCode() == 201) {
                        granted.incrementAndGet();
                    } else if (hold.body().contains("sold_out")) {
                        return "sold out";
                    } else if (hold.statusCode() != 503 && hold.statusCode() != 429) {
                        return hold.statusCode() + " " + hold.body();
                    }
                }
                return "never sold out";
            }));
        }
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (queryLong(rows) < 40 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // staff lower the capacity to a little above what is taken this moment, while the rush goes on
            int lowered = -1;
            for (int attempt = 0; attempt < 30 && lowered < 0; attempt++) {
                int wanted = (int) queryLong(rows) + 40;
                PayaraMicroNode node = attempt % 2 == 0 ? node2 : node1;
                HttpResponse<String> edit = ShopCalls.as(node, shop, boss, "PUT", typePath + "/" + typeId,
                        "{\"name\":\"Rush\",\"price\":{\"amount\":\"9.00\",\"currency\":\"EUR\"},\"capacity\":" + wanted + "}");
                if (edit.statusCode() == 200) {
                    lowered = wanted;
                } else {
                    assertThat(edit.body()).as("only the rush overtaking the new number refuses it").contains("taken");
                }
            }
            assertThat(lowered).as("the capacity was lowered during the rush").isPositive().isLessThan(1000);
            for (java.util.concurrent.Future<String> tab : tabs) {
                assertThat(tab.get(3, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo("sold out");
            }
            assertThat(queryLong(rows)).as("tickets in the database").isEqualTo(lowered);
            assertThat(granted.get()).as("holds granted").isEqualTo(lowered);
            assertThat(ShopCalls.as(node1, shop, buyer, "GET", "api/events/" + eventId, null).body()).contains("\"available\":0");
        } finally {
            rush.shutdownNow();
        }
    }

    @Test
    void staffChangeEventsWhileFinanceAndOtherShopsAreRefused() throws Exception {
        String crew = fixtures.token(shop, CREW, PASSWORD);
        HttpResponse<String> venue = ShopCalls.as(node1, shop, crew, "POST", "api/manage/venues",
                "{\"name\":\"Crew Hall\",\"city\":\"Bremen\",\"country\":\"DE\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(venue.statusCode()).as(venue.body()).isEqualTo(201);
        long venueId = id(venue.body());
        String startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(12).truncatedTo(ChronoUnit.MINUTES).toString();
        HttpResponse<String> event = ShopCalls.as(node2, shop, crew, "POST", "api/manage/events",
                "{\"venueId\":" + venueId + ",\"title\":\"Crew Night\",\"startsAt\":\"" + startsAt + "\"}");
        assertThat(event.statusCode()).as(event.body()).isEqualTo(201);
        long eventId = id(event.body());
        HttpResponse<String> onSale = ShopCalls.as(node1, shop, crew, "PUT", "api/manage/events/" + eventId + "/status", "{\"status\":\"ON_SALE\"}");
        assertThat(onSale.statusCode()).as(onSale.body()).isEqualTo(409);
        assertThat(onSale.body()).contains("at least one ticket type");
        HttpResponse<String> type = ShopCalls.as(node1, shop, crew, "POST", "api/manage/events/" + eventId + "/ticket-types",
                "{\"name\":\"Floor\",\"price\":{\"amount\":\"12.00\",\"currency\":\"EUR\"},\"capacity\":30}");
        assertThat(type.statusCode()).as(type.body()).isEqualTo(201);
        long typeId = id(type.body());
        HttpResponse<String> edited = ShopCalls.as(node2, shop, crew, "PUT", "api/manage/events/" + eventId + "/ticket-types/" + typeId,
                "{\"name\":\"Floor\",\"price\":{\"amount\":\"14.00\",\"currency\":\"EUR\"},\"capacity\":40,\"maxPerOrder\":4}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(edited.body()).contains("\"capacity\":40").contains("\"amount\":\"14.00\"");
        HttpResponse<String> retitled = ShopCalls.as(node1, shop, crew, "PUT", "api/manage/events/" + eventId,
                "{\"venueId\":" + venueId + ",\"title\":\"Crew Night II\",\"startsAt\":\"" + startsAt + "\",\"holdMinutes\":20}");
        assertThat(retitled.statusCode()).as(retitled.body()).isEqualTo(200);
        assertThat(retitled.body()).contains("Crew Night II").contains("\"holdMinutes\":20");
        HttpResponse<String> read = ShopCalls.as(node2, shop, crew, "GET", "api/manage/events/" + eventId, null);
        assertThat(read.body()).contains("\"sold\":0").contains("\"held\":0").contains("\"available\":40");
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE actor_email = '" + CREW + "' AND action IN"
                + " ('venue.create', 'event.create', 'ticket-type.create', 'ticket-type.edit', 'event.edit')")).isEqualTo(5);
        HttpResponse<String> badCapacity = ShopCalls.as(node1, shop, crew, "PUT", "api/manage/events/" + eventId + "/ticket-types/" + typeId,
                "{\"name\":\"Floor\",\"price\":{\"amount\":\"14.00\",\"currency\":\"EUR\"},\"capacity\":-1}");
        assertThat(badCapacity.statusCode()).isEqualTo(422);
        assertThat(badCapacity.body()).contains("\"field\":\"capacity\"");

        // staff open the pages
        assertThat(pageAs(node1, CREW, "manage/events/index.xhtml").statusCode()).isEqualTo(200);
        HttpResponse<String> staffPage = pageAs(node2, CREW, "manage/events/edit.xhtml?event=" + eventId);
        assertThat(staffPage.statusCode()).isEqualTo(200);
        assertThat(staffPage.body()).contains("Crew Night II").contains("id=\"typeForm:save\"");

        // finance: neither the pages nor the API
        String money = fixtures.token(shop, MONEY, PASSWORD);
        assertThat(pageAs(node1, MONEY, "manage/events/index.xhtml").statusCode()).isEqualTo(403);
        assertThat(pageAs(node1, MONEY, "manage/events/edit.xhtml?event=" + eventId).statusCode()).isEqualTo(403);
        assertThat(pageAs(node1, MONEY, "manage/events/venues.xhtml").statusCode()).isEqualTo(403);
        assertThat(ShopCalls.as(node1, shop, money, "POST", "api/manage/venues",
                "{\"name\":\"Nope\",\"city\":\"X\",\"timeZone\":\"UTC\"}").statusCode()).isEqualTo(403);
        assertThat(ShopCalls.as(node1, shop, money, "PUT", "api/manage/events/" + eventId + "/status",
                "{\"status\":\"DRAFT\"}").statusCode()).isEqualTo(403);

        // another shop's event is not found here, on the page or in the API; and its people get nothing of this shop
        String boss = fixtures.token(shop, BOSS, PASSWORD);
        assertThat(pageAs(node1, BOSS, "manage/events/edit.xhtml?event=" + otherEvent).statusCode()).isEqualTo(404);
        assertThat(ShopCalls.as(node1, shop, boss, "GET", "api/manage/events/" + otherEvent, null).statusCode()).isEqualTo(404);
        assertThat(ShopCalls.as(node1, shop, boss, "PUT", "api/manage/events/" + otherEvent + "/status", "{\"status\":\"DRAFT\"}")
                .statusCode()).isEqualTo(404);
        assertThat(ShopCalls.as(node1, shop, boss, "GET", "api/manage/events", null).body()).doesNotContain("Other Shop Night");
        assertThat(queryText("SELECT status FROM " + otherShop.tenant().schemaName() + ".event WHERE id = " + otherEvent)).isEqualTo("ON_SALE");
        String otherBoss = fixtures.token(otherShop, OTHER_BOSS, PASSWORD);
        assertThat(ShopCalls.as(node1, shop, otherBoss, "GET", "api/manage/events/" + eventId, null).statusCode()).isIn(401, 403);
    }

    // --- helpers

    private static void addType(WebDriver browser, Wait<WebDriver> wait, String name, String price, String capacity) {
        browser.findElement(By.id("typeForm:name")).sendKeys(name);
        replace(browser, "typeForm:price", price);
        replace(browser, "typeForm:capacity", capacity);
        Chromium.clickAndLoad(browser, By.id("typeForm:save"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("types-table")));
        assertThat(browser.findElement(By.id("types-table")).getText()).contains(name);
    }

    /** Sold, held, available of one ticket type's row. */
    private static List<String> figures(WebDriver browser, long type) {
        String row = "tr.type-row[data-id='" + type + "'] ";
        return List.of(browser.findElement(By.cssSelector(row + ".sold")).getText(), browser.findElement(By.cssSelector(row + ".held")).getText(),
                browser.findElement(By.cssSelector(row + ".available")).getText());
    }

    private static void replace(WebDriver browser, String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** A datetime-local input's value as the browser would send it (typing into one depends on the browser's locale). */
    private static void setValue(WebDriver browser, String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), value);
    }

    /** A shop page as an anonymous English reader. */
    private static String page(PayaraMicroNode node, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ShopCalls.base(node, shop) + path))
                .timeout(Duration.ofSeconds(30)).header("Accept-Language", "en").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> pageAs(PayaraMicroNode node, String email, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ShopCalls.base(node, shop) + path)).timeout(Duration.ofSeconds(30))
                .header("Accept-Language", "en").header("Cookie", PaidOrders.session(node, shop, email, PASSWORD)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long id(String body) {
        return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject().getJsonNumber("id").longValue();
    }

    private static String schema() {
        return shop.tenant().schemaName();
    }
}
