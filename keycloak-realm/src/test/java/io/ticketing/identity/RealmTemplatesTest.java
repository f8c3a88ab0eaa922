package io.ticketing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealmTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TenantRealmTemplate acme(String displayName) {
        return new TenantRealmTemplate("acme", displayName, "#0b6e4f", List.of("tickets.acme.com"),
                "http://localhost:8080/", "s3cret", false, TenantRealmTemplate.PRODUCTION_PASSWORD_POLICY,
                new TenantRealmTemplate.Smtp("smtp.example.net", 587, "tickets@example.net", true));
    }

    @Test
    void tenantRealmIsValidJsonWithTheTenantsSettings() throws Exception {
        JsonNode realm = JSON.readTree(acme("Acme \"Live\" & Co").toJson());
        assertThat(realm.get("realm").asText()).isEqualTo("tenant-acme");
        assertThat(realm.get("displayName").asText()).isEqualTo("Acme \"Live\" & Co");
        assertThat(realm.get("displayNameHtml").asText()).contains("color: #0b6e4f").contains("Acme &quot;Live&quot; &amp; Co");
        assertThat(realm.get("registrationEmailAsUsername").asBoolean()).isTrue();
        assertThat(realm.get("registrationAllowed").asBoolean()).as("opened by onboarding once the admin exists").isFalse();
        assertThat(realm.get("verifyEmail").asBoolean()).isTrue();
        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
        JsonNode client = realm.get("clients").get(0);
        assertThat(client.get("clientId").asText()).isEqualTo("storefront");
        assertThat(client.get("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.get("redirectUris")).extracting(JsonNode::asText)
                .containsExactly("https://tickets.acme.com/*", "http://tickets.acme.com:8080/*", "http://localhost:8080/t/acme/*");
        assertThat(realm.get("defaultRole").get("name").asText()).isEqualTo("default-roles-tenant-acme");
        JsonNode smtp = realm.get("smtpServer");
        assertThat(smtp.get("host").asText()).isEqualTo("smtp.example.net");
        assertThat(smtp.get("port").asText()).isEqualTo("587");
        assertThat(smtp.get("fromDisplayName").asText()).isEqualTo("Acme \"Live\" & Co");
    }

    @Test
    void aDisplayNameCannotBreakOutOfItsString() throws Exception {
        JsonNode realm = JSON.readTree(acme("Evil\", \"enabled\": false, \"x\": \"").toJson());
        assertThat(realm.get("enabled").asBoolean()).isTrue();
        assertThat(realm.get("displayName").asText()).startsWith("Evil\"");
    }

    @Test
    void missingPlaceholdersAndBadInputAreRefused() {
        assertThatThrownBy(() -> RealmTemplates.render(RealmTemplates.PLATFORM, Map.of(), Map.of()))
                .hasMessageContaining("needs a value for");
        assertThatThrownBy(() -> new TenantRealmTemplate("Bad Slug", "x", "#000000", List.of(), "http://x", "s", false, "p", null))
                .hasMessageContaining("not a tenant slug");
        assertThatThrownBy(() -> new TenantRealmTemplate("acme", "x", "red", List.of(), "http://x", "s", false, "p", null))
                .hasMessageContaining("primaryColor");
    }
}
