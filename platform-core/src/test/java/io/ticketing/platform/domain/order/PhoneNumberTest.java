package io.ticketing.platform.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @Test
    void numbersAsPeopleTypeThemBecomeE164() {
        assertThat(PhoneNumber.normalize("phone", "+49 170 1234567")).isEqualTo("+491701234567");
        assertThat(PhoneNumber.normalize("phone", " +44 (0)7700-900.123 ".replace("(0)", ""))).isEqualTo("+447700900123");
        assertThat(PhoneNumber.normalize("phone", "0049/170/1234567")).isEqualTo("+491701234567");
        assertThat(PhoneNumber.normalize("phone", "+86 138 0013 8000")).isEqualTo("+8613800138000");
        assertThat(PhoneNumber.normalize("phone", "+1 (415) 555-0100")).isEqualTo("+14155550100");
    }

    @Test
    void noNumberIsNone() {
        assertThat(PhoneNumber.normalize("phone", null)).isNull();
        assertThat(PhoneNumber.normalize("phone", "   ")).isNull();
    }

    @Test
    void aNumberWithoutItsCountryCodeIsRefusedSayingWhatToType() {
        assertThatThrownBy(() -> PhoneNumber.normalize("buyer.phone", "0170 1234567"))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("country code").hasMessageContaining("+49 170 1234567")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("buyer.phone"));
    }

    @Test
    void whatIsNoPhoneNumberIsRefused() {
        for (String bad : new String[] {"+49 170 CALL ME", "+0170123456", "+1234567", "+1234567890123456", "++491701234567",
                "+49 170 1234567; DROP TABLE", "+49\u0000170"}) {
            assertThatThrownBy(() -> PhoneNumber.normalize("buyer.phone", bad)).as(bad).isInstanceOf(InvalidFieldException.class)
                    .hasMessageContaining("phone number");
        }
        assertThatThrownBy(() -> PhoneNumber.normalize("buyer.phone", "+49 " + "1".repeat(40))).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("too long");
    }
}
