package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.notification.NotificationKind;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    private static final Tenant SHOP = new Tenant(1, new TenantSlug("acme"), "Acme Live", TenantStatus.ACTIVE,
            new Branding(null, "#aa3300", null), List.of("tickets.acme.test"), "boss@acme.test");
    private static final MessageTemplates.Style STYLE = new MessageTemplates.Style("Acme Live", "#aa3300", null);

    @Test
    void everyDefaultWordingRendersInEveryLanguageWithTheModelItsMessagesGet() {
        for (NotificationKind kind : NotificationKind.values()) {
            for (String language : MessageTemplates.LANGUAGES) {
                MessageTemplates.Rendered r = MessageTemplates.render(MessageTemplates.defaultWording(kind, language),
                        Notifications.sampleModel(kind, language, SHOP), STYLE);
                assertThat(r.subject()).as(kind + " " + language).isNotBlank().doesNotContain("{{").doesNotContain("\n");
                assertThat(r.text()).as(kind + " " + language).doesNotContain("{{").contains(kind.toStaff() ? "manage/" : "https://");
                assertThat(r.html()).contains("<title>" + r.subject().replace("&", "&amp;") + "</title>").contains("background:#aa3300");
            }
        }
    }

    @Test
    void thePurchaseConfirmationHasAShortSmsInEveryLanguageWithTheOrderLink() {
        for (String language : MessageTemplates.LANGUAGES) {
            Map<String, Object> model = Notifications.sampleModel(NotificationKind.PURCHASE_CONFIRMATION, language, SHOP);
            String sms = MessageTemplates.renderSms(MessageTemplates.smsWording(NotificationKind.PURCHASE_CONFIRMATION, language)
                    .orElseThrow(), model);
            assertThat(sms).as(language).contains("Acme Live").contains("1A2B3C4D").contains("https://tickets.acme.test/orders/sample")
                    .doesNotContain("{{").doesNotContain("\n");
            // short: the words around the link fit in one part even in UCS-2 (70 characters); the link is the rest
            assertThat(sms.replace("https://tickets.acme.test/orders/sample", "").length()).as(language).isLessThanOrEqualTo(70);
        }
        assertThat(MessageTemplates.smsWording(NotificationKind.PURCHASE_CONFIRMATION, "de-AT").orElseThrow()).contains("Bestellung");
        assertThat(MessageTemplates.smsWording(NotificationKind.PROMOTION, "en")).as("no SMS for promotions").isEmpty();
    }

    @Test
    void theBuyersLanguageChoosesTheWording() {
        Map<String, Object> model = Notifications.sampleModel(NotificationKind.PURCHASE_CONFIRMATION, "de", SHOP);
        assertThat(MessageTemplates.render(MessageTemplates.defaultWording(NotificationKind.PURCHASE_CONFIRMATION, "de-AT"), model, STYLE)
                .subject()).startsWith("Ihre Tickets");
        assertThat(MessageTemplates.defaultWording(NotificationKind.PURCHASE_CONFIRMATION, "zh-Hans-CN").subject()).startsWith("您的门票");
        assertThat(MessageTemplates.defaultWording(NotificationKind.PURCHASE_CONFIRMATION, "fr").subject()).startsWith("Your tickets");
        assertThat(MessageTemplates.language(null)).isEqualTo("en");
    }

    @Test
    void whatABuyerTypedIsEscapedInTheHtmlPartAndLinksAreLinks() {
        Map<String, Object> model = new HashMap<>(Notifications.sampleModel(NotificationKind.PURCHASE_CONFIRMATION, "en", SHOP));
        model.put("buyer", Map.of("name", "<script>alert(1)</script> & Co"));
        MessageTemplates.Rendered r = MessageTemplates.render(MessageTemplates.defaultWording(NotificationKind.PURCHASE_CONFIRMATION, "en"),
                model, STYLE);
        assertThat(r.text()).contains("Hello <script>alert(1)</script> & Co,");
        assertThat(r.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")
                .contains("<a href=\"https://tickets.acme.test/orders/sample\">");
    }

    @Test
    void aTemplateSeesOnlyItsModelNotTheObjectsBehindIt() {
        Map<String, Object> model = Notifications.sampleModel(NotificationKind.PURCHASE_CONFIRMATION, "en", SHOP);
        // jmustache's default collector would call String.getClass() and walk on from there; ours reads maps only
        for (String body : List.of("{{shop.name.class}}", "{{shop.name.bytes}}", "{{order.lines.class.name}}", "{{tenant.slug}}")) {
            assertThatThrownBy(() -> MessageTemplates.render(new MessageTemplates.Wording("Hi", body), model, STYLE))
                    .as(body).isInstanceOf(InvalidFieldException.class).hasMessageContaining("cannot be filled in");
        }
        // no partials: a template cannot pull in another file
        assertThatThrownBy(() -> MessageTemplates.render(new MessageTemplates.Wording("Hi", "{{> notifications/layout.html}}"), model, STYLE))
                .isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> MessageTemplates.render(new MessageTemplates.Wording("Hi {{#order}}", "x"), model, STYLE))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("subject");
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToAnHour() {
        NotificationRelay relay = new NotificationRelay();
        relay.retryBaseSeconds = 30;
        relay.retryMaxSeconds = 3600;
        assertThat(relay.wait(1).toSeconds()).isEqualTo(30);
        assertThat(relay.wait(2).toSeconds()).isEqualTo(60);
        assertThat(relay.wait(5).toSeconds()).isEqualTo(480);
        assertThat(relay.wait(8).toSeconds()).isEqualTo(3600);
        assertThat(relay.wait(40).toSeconds()).isEqualTo(3600);
    }
}
