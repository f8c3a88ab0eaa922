package io.ticketing.storefront.shop;

import io.ticketing.platform.application.EventPage;
import io.ticketing.platform.application.HoldService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One event as its page shows it: the cached {@link EventPage}, and per ticket type what is left
 * (from the stock engine) and where its sale stands. Rules stay in the core: this only reads.
 */
@Named("eventView")
@RequestScoped
public class EventView {

    static final String EVENT = "ticketing.event";

    @Inject
    HoldService holds;
    @Inject
    HttpServletRequest request;

    private EventPage event;
    private Map<Long, Integer> left;

    /** Where one ticket type's sale stands now. */
    public enum SaleState { ON_SALE, NOT_YET, ENDED, SOLD_OUT }

    /** The event {@link EventPageServlet} found for this request. */
    public EventPage getEvent() {
        if (event == null) {
            event = (EventPage) request.getAttribute(EVENT);
        }
        return event;
    }

    private Map<Long, Integer> left() {
        if (left == null) {
            left = holds.available(getEvent().capacities());
        }
        return left;
    }

    public SaleState state(EventPage.Offer offer) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (offer.saleEndsAt() != null && !now.isBefore(offer.saleEndsAt())) {
            return SaleState.ENDED;
        }
        if (offer.saleStartsAt() != null && now.isBefore(offer.saleStartsAt())) {
            return SaleState.NOT_YET;
        }
        return left().getOrDefault(offer.id(), 0) == 0 || !offer.onSaleAt(getEvent().status(), now) ? SaleState.SOLD_OUT
                : SaleState.ON_SALE;
    }

    /** How many are left when few are (a page does not shout its stock), 0 otherwise. */
    public int fewLeft(EventPage.Offer offer) {
        int n = left().getOrDefault(offer.id(), 0);
        return n > 0 && n <= ShopPage.FEW_LEFT ? n : 0;
    }
}
