package io.ticketing.platform.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Brackets a whole JUnit run: prepares the Payara Micro test environment when the build asks for
 * it ({@code -Dticketing.payara.tests=true}, set by the WAR modules' failsafe), and stops the shared
 * PostgreSQL (and any streaming standby a test left running) at the end. Test classes stay free of
 * set-up code, which also keeps in-container test classes free of classes that only exist on the
 * client side.
 */
public final class TestRunSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Boolean.getBoolean("ticketing.payara.tests")) {
            PayaraTestEnvironment.configure();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        StreamingReplica.closeAll();
        SharedPostgres.stop();
    }
}
