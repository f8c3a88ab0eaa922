package io.ticketing.reporting.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class LogoImagesTest {

    @Test
    void aLogoOnTheServersOwnNetworkIsNeverFetched() throws Exception {
        try (ServerSocket inside = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            inside.setSoTimeout(300);
            assertThat(new LogoImages().logo("http://127.0.0.1:" + inside.getLocalPort() + "/logo.png")).isEmpty();
            boolean connected;
            try (var ignored = inside.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected).as("the platform never connected to its own network for a shop's logo").isFalse();
        }
        assertThat(new LogoImages().logo("http://10.0.0.1/logo.png")).isEmpty();
        assertThat(new LogoImages().logo("http://169.254.169.254/latest/meta-data")).isEmpty();
        assertThat(new LogoImages().logo(null)).isEmpty();
    }
}
