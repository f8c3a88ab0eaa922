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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;
import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.domain.stock.HoldLine;
import jakarta.faces.context.FacesContext;

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

    @Inject
    Shopper shopper;
    @Inject
    Formats fmt;

    private EventPage event;
    private Map<Long, Integer> left;
    /** The quantity picked per ticket type, from the page's form. */
    private final Map<Long, Integer> quantities = new HashMap<>();

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

    /**
     * The quantities the picker offers: 0 up to what one order may take and what is left (whichever
     * is less), none when the ticket type is not on sale. The core checks again when the hold is
     * placed: stock moves between showing the page and pressing the button.
     */
    public List<Integer> choices(EventPage.Offer offer) {
        // The form is checked against these choices when it comes back: by then fewer may be left, and the
        // buyer is told so by the core ("only N left", "sold out"), not by a validation error on the picker.
        boolean rendering = FacesContext.getCurrentInstance().getCurrentPhaseId() == jakarta.faces.event.PhaseId.RENDER_RESPONSE;
        if (rendering && state(offer) != SaleState.ON_SALE) {
            return List.of();
        }
        int max = rendering ? Math.min(offer.maxPerOrder(), left().getOrDefault(offer.id(), 0)) : offer.maxPerOrder();
        if (offer.maxPerBuyer() != null) {
            max = Math.min(max, offer.maxPerBuyer());
        }
        return IntStream.rangeClosed(0, max).boxed().toList();
    }

    public boolean isAnyOnSale() {
        return getEvent() != null && getEvent().offers().stream().anyMatch(o -> state(o) == SaleState.ON_SALE);
    }

    public Map<Long, Integer> getQuantities() {
        return quantities;
    }

    /**
     * Holds the picked tickets, all of them or none, and goes to the cart; what the core refuses
     * (sold out, only N left, over a limit, too many tries) is said on this page.
     */
    public String reserve() throws java.io.IOException {
        List<HoldLine> lines = new ArrayList<>();
        quantities.forEach((type, quantity) -> {
            if (quantity != null && quantity > 0 && getEvent().offers().stream().anyMatch(o -> o.id() == type)) {
                lines.add(new HoldLine(type, quantity));
            }
        });
        if (lines.isEmpty()) {
            ShopMessages.error(fmt, "eventPage.chooseTickets");
            return null;
        }
        try {
            Hold hold = holds.place(shopper.forHold().requester(), lines);
            shopper.basket().add(hold.id());
        } catch (RuntimeException e) {
            ShopMessages.explain(fmt, e, this::offerName, "problem.notOnSale");
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().redirect(ShopPage.url(request, "/cart"));
        return null;
    }

    private String offerName(long ticketTypeId) {
        return getEvent().offers().stream().filter(o -> o.id() == ticketTypeId).map(EventPage.Offer::name)
                .findFirst().orElse("");
    }

    /** How many are left when few are (a page does not shout its stock), 0 otherwise. */
    public int fewLeft(EventPage.Offer offer) {
        int n = left().getOrDefault(offer.id(), 0);
        return n > 0 && n <= ShopPage.FEW_LEFT ? n : 0;
    }
}
