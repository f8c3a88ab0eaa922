package io.ticketing.platform.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client behind a request, for limits per client address. {@code
 * X-Forwarded-For} is believed only as far as it was written by proxies the operator named in
 * {@code ticketing.http.trusted-proxies} (addresses or CIDR ranges, comma-separated; none by
 * default): walking the header from the right, the first address that is not a trusted proxy is
 * the client. Anyone can send the header, so without this rule every request could claim a fresh
 * address and step around the limits.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Range> trusted;

    @Inject
    public ClientAddresses(@ConfigProperty(name = "ticketing.http.trusted-proxies") Optional<String> trustedProxies) {
        this.trusted = parse(trustedProxies.orElse(""));
    }

    /** For CDI's proxy. */
    protected ClientAddresses() {
        this.trusted = List.of();
    }

    public String of(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** The client, given the peer's address and the X-Forwarded-For headers in the order received. */
    String resolve(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return client; // garbage from an untrusted writer: stop at the last hop we could vouch for
            }
            client = hop.getHostAddress();
            if (!isTrusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        InetAddress a = literal(address);
        return a != null && isTrusted(a);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(r -> r.contains(address));
    }

    static List<Range> parse(String config) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : config.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            InetAddress base = literal(slash < 0 ? e : e.substring(0, slash));
            if (base == null) {
                throw new IllegalArgumentException("ticketing.http.trusted-proxies: '" + e + "' is not an IP address or CIDR range");
            }
            int bits = base.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(e.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("ticketing.http.trusted-proxies: bad prefix length in '" + e + "'");
            }
            ranges.add(new Range(base.getAddress(), prefix));
        }
        return List.copyOf(ranges);
    }

    /** An IP literal, never a name lookup. */
    private static InetAddress literal(String text) {
        if (text == null || !LITERAL.matcher(text).matches() || (text.indexOf(':') < 0 && text.chars().anyMatch(Character::isLetter))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Range(byte[] base, int prefix) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
