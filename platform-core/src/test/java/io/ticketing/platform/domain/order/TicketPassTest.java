package io.ticketing.platform.domain.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketing.platform.infrastructure.security.SecretBox;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TicketPassTest {

    private final SecretBox box = new SecretBox(SecretBox.newMasterKey());
    private final Function<byte[], byte[]> acme = data -> box.mac("acme", TicketPass.MAC_PURPOSE, data);
    private final Function<byte[], byte[]> globex = data -> box.mac("globex", TicketPass.MAC_PURPOSE, data);
    private static final String CODE = "9F86D081884C7D659A2FEAA0C55AD015";

    @Test
    void aPassReadsBackAsGenuineInItsOwnShop() {
        String text = new TicketPass("acme", CODE).encode(acme);
        assertTrue(text.startsWith("TKT1.acme." + CODE + "."), text);
        TicketPass.Scan scan = TicketPass.read(text, "acme", acme);
        assertEquals(new TicketPass("acme", CODE), assertInstanceOf(TicketPass.Genuine.class, scan).pass());
    }

    @Test
    void anAlteredCodeOrMacIsForged() {
        String text = new TicketPass("acme", CODE).encode(acme);
        String otherCode = text.replace(CODE, CODE.substring(0, 31) + "6");
        assertInstanceOf(TicketPass.Forged.class, TicketPass.read(otherCode, "acme", acme));
        char last = text.charAt(text.length() - 1);
        String otherMac = text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertInstanceOf(TicketPass.Forged.class, TicketPass.read(otherMac, "acme", acme));
    }

    @Test
    void aPassMadeWithAnotherShopsKeyIsForgedHere() {
        // Someone with globex's key (or a mix-up) signing a pass that names acme: acme's key refuses it.
        String text = new TicketPass("acme", CODE).encode(globex);
        assertInstanceOf(TicketPass.Forged.class, TicketPass.read(text, "acme", acme));
    }

    @Test
    void anotherShopsPassIsNamedAsSuch() {
        String text = new TicketPass("globex", CODE).encode(globex);
        assertEquals("globex", assertInstanceOf(TicketPass.OtherShop.class, TicketPass.read(text, "acme", acme)).shop());
    }

    @Test
    void garbageIsUnreadable() {
        for (String text : new String[] {null, "", "hello", "TKT2.acme." + CODE + ".x", "TKT1.acme.lower.x", "TKT1.acme." + CODE}) {
            assertInstanceOf(TicketPass.Unreadable.class, TicketPass.read(text, "acme", acme), String.valueOf(text));
        }
    }

    @Test
    void typedCodesAreNormalised() {
        assertEquals(CODE, TicketPass.typedCode(" 9f86-d081 884c7d659a2feaa0c55ad015 ").orElseThrow());
        assertTrue(TicketPass.typedCode("not a code!").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new TicketPass("Acme", CODE));
    }
}
