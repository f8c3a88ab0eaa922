package io.ticketing.platform.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real SMTP server (GreenMail) on loopback for tests and the launcher, stopped by whoever started it. It can
 * be stopped and started again on the same port, to play an outage; what it received before counts on.
 */
public final class MailServer implements AutoCloseable {

    private static MailServer shared;

    private final int smtpPort;
    private final Integer imapPort;
    private final List<MimeMessage> before = new ArrayList<>();
    private GreenMail greenMail;

    private MailServer(int smtpPort, Integer imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        start();
    }

    /** SMTP on {@code smtpPort}, and IMAP on {@code imapPort} when not null (login and password: the address). */
    public static MailServer start(int smtpPort, Integer imapPort) {
        return new MailServer(smtpPort, imapPort);
    }

    /** One server for the whole test JVM (the nodes Arquillian starts send to it); stopped when the JVM ends. */
    public static synchronized MailServer shared() {
        if (shared == null) {
            shared = start(PayaraMicroNode.freePort(), null);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-shared-mail-server"));
        }
        return shared;
    }

    /** The node settings that send mail here. */
    public Map<String, String> nodeProperties() {
        return Map.of("ticketing.mail.smtp.host", "127.0.0.1", "ticketing.mail.smtp.port", Integer.toString(smtpPort),
                "ticketing.mail.from", "tickets@platform.test");
    }

    public int smtpPort() {
        return smtpPort;
    }

    private void start() {
        List<ServerSetup> setups = new ArrayList<>(List.of(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)));
        if (imapPort != null) {
            setups.add(new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        }
        greenMail = new GreenMail(setups.toArray(ServerSetup[]::new));
        greenMail.start();
    }

    /** Stops accepting mail (connections are refused), keeping what arrived so far. */
    public synchronized void stop() {
        if (greenMail != null) {
            // GreenMail forgets its mailboxes when it stops: keep what it has (a message arriving in this very
            // moment may be missed by the count, so callers stop it while nothing is being sent).
            List<MimeMessage> kept = Arrays.asList(greenMail.getReceivedMessages());
            greenMail.stop();
            List<MimeMessage> after = Arrays.asList(greenMail.getReceivedMessages());
            before.addAll(after.size() >= kept.size() ? after : kept);
            greenMail = null;
        }
    }

    /** Accepts mail again, on the same port. */
    public synchronized void restart() {
        if (greenMail == null) {
            start();
        }
    }

    /** Every message received since this server first started, across restarts. */
    public synchronized List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(before);
        if (greenMail != null) {
            all.addAll(Arrays.asList(greenMail.getReceivedMessages()));
        }
        return all;
    }

    /** The messages to {@code address}. */
    public List<MimeMessage> to(String address) {
        return received().stream().filter(m -> recipients(m).contains(address.toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** Waits until {@code wanted} messages match, and returns them (fails with what did arrive). */
    public List<MimeMessage> await(Predicate<MimeMessage> matching, int wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MimeMessage> found = List.of();
        while (System.nanoTime() < deadline) {
            found = received().stream().filter(matching).toList();
            if (found.size() >= wanted) {
                return found;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("Waited " + timeout + " for " + wanted + " message(s), " + found.size() + " arrived");
    }

    public static String recipients(MimeMessage m) {
        try {
            // the bare addresses, without display names
            return String.join(",", Arrays.stream(m.getAllRecipients())
                    .map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress().toLowerCase(java.util.Locale.ROOT)).toList());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
