package io.ticketing.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who opens which back-office page and API path: the rules pages and API share. */
class BackOfficeAreaTest {

    private static SignedInUser with(String... roles) {
        return new SignedInUser(1, "sub", "someone@shop.test", "Someone", Set.of(roles), null);
    }

    private static final SignedInUser ADMIN = with("organizer-admin");
    private static final SignedInUser STAFF = with("organizer-staff");
    private static final SignedInUser FINANCE = with("finance");
    private static final SignedInUser BUYER = with();

    @Test
    void pagesBelongToTheLongestMatchingArea() {
        assertThat(BackOfficeArea.ofPage("/manage/index.xhtml")).contains(BackOfficeArea.OVERVIEW);
        assertThat(BackOfficeArea.ofPage("/manage/events/edit.xhtml")).contains(BackOfficeArea.EVENTS);
        assertThat(BackOfficeArea.ofPage("/manage/finance/jobs/12/file")).contains(BackOfficeArea.FINANCE);
        assertThat(BackOfficeArea.ofPage("/manage/checkin.xhtml")).contains(BackOfficeArea.CHECKIN);
        assertThat(BackOfficeArea.ofPage("/manage/checkin.xhtmlx")).isEmpty();
        assertThat(BackOfficeArea.ofPage("/manage/somewhere-new.xhtml")).isEmpty();
    }

    @Test
    void apiPathsMatchWholeSegmentsAndTheLongestPrefixWins() {
        assertThat(BackOfficeArea.ofApi("/api/manage/orders/abc/refunds")).contains(BackOfficeArea.ORDERS);
        assertThat(BackOfficeArea.ofApi("/api/manage/ordersx")).isEmpty();
        assertThat(BackOfficeArea.ofApi("/api/manage/checkout/audit")).contains(BackOfficeArea.AUDIT);
        assertThat(BackOfficeArea.ofApi("/api/manage/checkout")).contains(BackOfficeArea.PAYMENTS);
        assertThat(BackOfficeArea.ofApi("/api/manage/notifications/channels/sms")).contains(BackOfficeArea.PAYMENTS);
        assertThat(BackOfficeArea.ofApi("/api/manage/notifications/12/retry")).contains(BackOfficeArea.MESSAGES);
    }

    @Test
    void adminsOpenEverythingStaffNotTheSettingsFinanceReadsOrdersAndTheOverview() {
        for (BackOfficeArea area : BackOfficeArea.values()) {
            assertThat(area.changeableBy(ADMIN)).as(area.name()).isTrue();
            assertThat(area.opensFor(BUYER)).as(area.name()).isFalse();
        }
        assertThat(Set.of(BackOfficeArea.values())).filteredOn(a -> !a.opensFor(STAFF))
                .containsExactlyInAnyOrder(BackOfficeArea.FINANCE, BackOfficeArea.TEAM, BackOfficeArea.BRANDING,
                        BackOfficeArea.PAYMENTS, BackOfficeArea.AUDIT);
        assertThat(Set.of(BackOfficeArea.values())).filteredOn(a -> a.opensFor(FINANCE))
                .containsExactlyInAnyOrder(BackOfficeArea.OVERVIEW, BackOfficeArea.ORDERS, BackOfficeArea.FINANCE);
        assertThat(BackOfficeArea.ORDERS.allows(FINANCE, "GET")).isTrue();
        assertThat(BackOfficeArea.ORDERS.allows(FINANCE, "POST")).isFalse();
        assertThat(BackOfficeArea.ORDERS.allows(STAFF, "POST")).isTrue();
        assertThat(FINANCE.mayChange("orders")).isFalse();
        assertThat(FINANCE.opens("orders")).isTrue();
        assertThat(BackOfficeArea.PAYMENTS.people()).isEqualTo("organizer admins");
        assertThat(BackOfficeArea.ORDERS.people()).isEqualTo("organizer admins, organizer staff and the finance team");
        assertThat(BackOfficeArea.Role.of(with("organizer-staff", "offline_access", "default-roles-x"))).containsExactly("organizer-staff");
    }
}
