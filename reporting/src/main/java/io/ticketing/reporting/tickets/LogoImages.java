package io.ticketing.reporting.tickets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.imageio.ImageIO;

/**
 * Shops' logos (an http(s) URL in their branding) as images for their tickets and reports. A logo is fetched once
 * per quarter hour and URL, within 3 seconds and 1 MB, never from a loopback, private or link-local
 * address (an organizer must not make the platform read its own network), and never follows a
 * redirect. A logo that cannot be had leaves the band with the shop's name only.
 */
public final class LogoImages {

    private static final Logger LOG = Logger.getLogger(LogoImages.class.getName());
    private static final Duration KEEP = Duration.ofMinutes(15);
    private static final int MAX_BYTES = 1 << 20;
    private static final int MAX_ENTRIES = 1_000;

    private record Fetched(Optional<BufferedImage> image, Instant at) {
    }

    private final Map<String, Fetched> fetched = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The organizer's uploaded logo, when there is one the JDK can draw (PNG, JPEG; not WebP). */
    public static Optional<BufferedImage> uploaded(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            LOG.warning("The uploaded logo could not be read (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    public Optional<BufferedImage> logo(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Fetched known = fetched.get(url);
        if (known != null && known.at().plus(KEEP).isAfter(Instant.now())) {
            return known.image();
        }
        Optional<BufferedImage> image = fetch(url);
        if (fetched.size() >= MAX_ENTRIES) {
            fetched.clear();
        }
        fetched.put(url, new Fetched(image, Instant.now()));
        return image;
    }

    private Optional<BufferedImage> fetch(String url) {
        try {
            URI uri = URI.create(url);
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    LOG.warning("Logo " + url + " is on a private address; tickets go without it");
                    return Optional.empty();
                }
            }
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    LOG.warning("Logo " + url + " answered " + response.statusCode() + "; tickets go without it");
                    return Optional.empty();
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    LOG.warning("Logo " + url + " is over 1 MB; tickets go without it");
                    return Optional.empty();
                }
                return Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(bytes)));
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warning("Logo " + url + " could not be read (" + e.getMessage() + "); tickets go without it");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
