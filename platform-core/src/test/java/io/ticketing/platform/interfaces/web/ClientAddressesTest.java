package io.ticketing.platform.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void forwardedForIsIgnoredUnlessTheProxyIsTrusted() {
        ClientAddresses none = new ClientAddresses(Optional.empty());
        assertThat(none.resolve("203.0.113.9", List.of("198.51.100.1"))).as("anyone can send the header").isEqualTo("203.0.113.9");

        ClientAddresses behindProxy = new ClientAddresses(Optional.of("10.0.0.0/8, 127.0.0.1"));
        assertThat(behindProxy.resolve("10.1.2.3", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(behindProxy.resolve("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void theClientIsTheRightmostAddressNotWrittenByATrustedProxy() {
        ClientAddresses proxies = new ClientAddresses(Optional.of("10.0.0.0/8"));
        // the client made up the first entry; our two proxies appended the real one and each other
        assertThat(proxies.resolve("10.0.0.2", List.of("1.2.3.4, 198.51.100.7", "10.0.0.1"))).isEqualTo("198.51.100.7");
        assertThat(proxies.resolve("10.0.0.2", List.of("not-an-ip, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(proxies.resolve("10.0.0.2", List.of("evil.example"))).as("no name lookups").isEqualTo("10.0.0.2");
        assertThat(proxies.resolve("10.0.0.2", List.of("10.0.0.9"))).as("only proxies: the first of them").isEqualTo("10.0.0.9");
    }

    @Test
    void ipv6RangesAndBadConfiguration() {
        ClientAddresses v6 = new ClientAddresses(Optional.of("fd00::/8"));
        assertThat(v6.resolve("fd12::1", List.of("2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(v6.resolve("2001:db8::1", List.of("2001:db8::5"))).isEqualTo("2001:db8::1");
        assertThatThrownBy(() -> new ClientAddresses(Optional.of("proxy.internal"))).hasMessageContaining("trusted-proxies");
        assertThatThrownBy(() -> new ClientAddresses(Optional.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
