package io.ticketing.platform.domain.order;

import static io.ticketing.platform.domain.order.OrderStatus.CANCELLED;
import static io.ticketing.platform.domain.order.OrderStatus.EXPIRED;
import static io.ticketing.platform.domain.order.OrderStatus.PAID;
import static io.ticketing.platform.domain.order.OrderStatus.PARTIALLY_REFUNDED;
import static io.ticketing.platform.domain.order.OrderStatus.PENDING;
import static io.ticketing.platform.domain.order.OrderStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void aPendingOrderIsPaidCancelledOrExpires() {
        assertThat(PENDING.to(PAID)).isEqualTo(PAID);
        assertThat(PENDING.canBecome(CANCELLED)).isTrue();
        assertThat(PENDING.canBecome(EXPIRED)).isTrue();
        assertThat(PENDING.canBecome(REFUNDED)).isFalse();
    }

    @Test
    void onlyPaidOrdersAreRefundedAndARefundedOneIsDone() {
        assertThat(PAID.canBecome(PARTIALLY_REFUNDED)).isTrue();
        assertThat(PARTIALLY_REFUNDED.canBecome(PARTIALLY_REFUNDED)).isTrue();
        assertThat(PARTIALLY_REFUNDED.canBecome(REFUNDED)).isTrue();
        for (OrderStatus target : OrderStatus.values()) {
            assertThat(REFUNDED.canBecome(target)).as("refunded -> " + target).isFalse();
        }
        assertThat(PAID.canBecome(PENDING)).isFalse();
        assertThat(PAID.canBecome(PAID)).as("paying twice is not a transition").isFalse();
    }

    @Test
    void aLatePaymentCanStillPayAnExpiredOrCancelledOrder() {
        assertThat(EXPIRED.canBecome(PAID)).isTrue();
        assertThat(CANCELLED.canBecome(PAID)).isTrue();
        assertThat(EXPIRED.canBecome(REFUNDED)).isFalse();
    }

    @Test
    void anIllegalStepIsRefusedInWords() {
        assertThatThrownBy(() -> PENDING.to(REFUNDED))
                .isInstanceOf(IllegalOrderTransitionException.class)
                .hasMessage("An order that is pending cannot become refunded");
    }
}
