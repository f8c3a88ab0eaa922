package io.ticketing.platform.infrastructure.notification.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.ticketing.platform.notification.spi.ChannelDownException;
import io.ticketing.platform.notification.spi.MessageRefusedException;
import io.ticketing.platform.notification.spi.OutgoingMessage;
import java.net.URI;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/** One Twilio account's client: sends a message with the SDK and says what its answer means for the relay. */
final class TwilioSms {

    private final TwilioRestClient client;

    TwilioSms(String accountSid, String authToken, URI apiBase) {
        HttpClientBuilder http = HttpClientBuilder.create()
                // A provider that hangs must not hold a relay round (and its row lock) for long.
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(Timeout.ofSeconds(15)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(15)).build());
        if (apiBase != null) {
            // Every request to this server instead of Twilio's (the SDK always names api.twilio.com).
            HttpHost target = new HttpHost(apiBase.getScheme(), apiBase.getHost(), apiBase.getPort());
            http.setRoutePlanner((host, context) -> new HttpRoute(target));
        }
        client = new TwilioRestClient.Builder(accountSid, authToken).httpClient(new NetworkHttpClient(http)).build();
    }

    void send(String from, OutgoingMessage message) throws ChannelDownException, MessageRefusedException {
        PhoneNumber to = new PhoneNumber(message.to());
        try {
            (from.startsWith("MG") ? Message.creator(to, from, message.text()) : Message.creator(to, new PhoneNumber(from), message.text()))
                    .create(client);
        } catch (ApiConnectionException e) {
            throw new ChannelDownException("Twilio cannot be reached: " + e.getMessage(), e);
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            if (status == null) {
                // The SDK reports a connection that failed as an ApiException without a status.
                throw new ChannelDownException("Twilio cannot be reached: " + e.getMessage(), e);
            }
            String why = "Twilio answered " + status + (e.getCode() == null ? "" : " (error " + e.getCode() + ")") + ": " + e.getMessage();
            // 400/404/422: this message (a number Twilio will not text, say). 401/403: the shop's credentials, and 429 or 5xx:
            // Twilio itself; those hold for every message, so the round stops and tries again later.
            if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 429) {
                throw new MessageRefusedException(why, e);
            }
            throw new ChannelDownException(why, e);
        } catch (TwilioException e) {
            throw new ChannelDownException("Twilio did not take the message: " + e.getMessage(), e);
        }
    }
}
