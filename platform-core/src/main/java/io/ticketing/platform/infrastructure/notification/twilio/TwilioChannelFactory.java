package io.ticketing.platform.infrastructure.notification.twilio;

import io.ticketing.platform.notification.spi.NotificationChannel;
import io.ticketing.platform.notification.spi.NotificationChannelFactory;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * SMS through Twilio's Programmable Messaging, on Twilio's official Java SDK ({@code com.twilio.sdk:twilio}), which
 * the WARs do not carry: a node that sends through Twilio adds it and its dependencies ({@code --addlibs}); without it
 * Twilio is simply not offered. A shop sets its {@code accountSid} ({@code AC...}), {@code authToken} and {@code from}:
 * a number of its Twilio account in E.164 or a Messaging Service ({@code MG...}).
 * {@code ticketing.sms.twilio.api-base} sends the SDK's requests to another server (tests play Twilio's API there).
 */
public final class TwilioChannelFactory implements NotificationChannelFactory {

    public static final String ID = "twilio";
    public static final String ACCOUNT_SID = "accountSid";
    public static final String AUTH_TOKEN = "authToken";
    public static final String FROM = "from";

    private static final Pattern SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Pattern NUMBER = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private URI apiBase;
    /** One SDK client per account and token, kept across relay rounds (it pools its connections). */
    private final Map<String, TwilioSms> clients = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Medium medium() {
        return Medium.SMS;
    }

    @Override
    public void init(Function<String, Optional<String>> config) {
        apiBase = config.apply("ticketing.sms.twilio.api-base").filter(b -> !b.isBlank()).map(URI::create).orElse(null);
    }

    @Override
    public boolean enabled() {
        return NotificationChannelFactory.onClasspath("com.twilio.http.TwilioRestClient", TwilioChannelFactory.class);
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of(ACCOUNT_SID, AUTH_TOKEN, FROM);
    }

    @Override
    public NotificationChannel create(String shop, Map<String, String> credentials) {
        String accountSid = credentials.getOrDefault(ACCOUNT_SID, "");
        String authToken = credentials.getOrDefault(AUTH_TOKEN, "");
        String from = credentials.getOrDefault(FROM, "");
        if (!SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("Twilio's accountSid is AC and 32 hexadecimal digits (Twilio console, Account info)");
        }
        if (authToken.isBlank() || authToken.length() > 200) {
            throw new IllegalArgumentException("Twilio needs the account's authToken");
        }
        if (!NUMBER.matcher(from).matches() && !SERVICE.matcher(from).matches()) {
            throw new IllegalArgumentException("Twilio's from is a number of the account in E.164 (+14155550100) or a Messaging Service SID (MG...)");
        }
        TwilioSms client = clients.computeIfAbsent(accountSid + "\u0000" + authToken, k -> new TwilioSms(accountSid, authToken, apiBase));
        return message -> client.send(from, message);
    }
}
