package io.ticketing.platform.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.infrastructure.security.OidcClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a signed-in session is asked about again, and when it ends whatever its activity. */
class SignInGrantTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-01T08:00:00Z");

    private static BrowserSignIn.Grant grant(Instant accessExpiresAt) {
        return new BrowserSignIn.Grant(new OidcClient.SignIn("sub", "staff@shop.test", "Staff", Set.of("organizer-staff"),
                "id-token", "refresh-token", accessExpiresAt), SIGNED_IN);
    }

    @Test
    void rolesStandUntilTheAccessTokenRunsOutThenTheRealmIsAskedAgain() {
        BrowserSignIn.Grant grant = grant(SIGNED_IN.plusSeconds(300));
        assertThat(grant.due(SIGNED_IN.plusSeconds(299), BrowserSignIn.MAX_SESSION_AGE)).isEqualTo(BrowserSignIn.Grant.Due.CURRENT);
        assertThat(grant.due(SIGNED_IN.plusSeconds(300), BrowserSignIn.MAX_SESSION_AGE)).isEqualTo(BrowserSignIn.Grant.Due.REFRESH);
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverFreshItsToken() {
        assertThat(BrowserSignIn.MAX_SESSION_AGE).isEqualTo(Duration.ofHours(12));
        Instant later = SIGNED_IN.plus(Duration.ofHours(12));
        BrowserSignIn.Grant refreshedAMomentAgo = grant(later.plusSeconds(290));
        assertThat(refreshedAMomentAgo.due(later.minusSeconds(1), BrowserSignIn.MAX_SESSION_AGE)).isEqualTo(BrowserSignIn.Grant.Due.CURRENT);
        assertThat(refreshedAMomentAgo.due(later, BrowserSignIn.MAX_SESSION_AGE)).isEqualTo(BrowserSignIn.Grant.Due.END);
    }
}
