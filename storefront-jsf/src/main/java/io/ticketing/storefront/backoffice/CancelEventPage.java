package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.EventCancellation;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventCancellations;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cancel page ({@code /manage/events/cancel.xhtml?event=12}): what cancelling would touch (paid orders and their
 * money per currency, tickets, unpaid orders, baskets), the confirmation with the choice to refund every paid order,
 * then the refund run's progress, its failures with their reasons, and trying them again. On
 * {@link EventCancellation}, as the API is.
 */
@Named("cancelEventPage")
@RequestScoped
public class CancelEventPage {

    @Inject
    EventCancellation cancellation;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private boolean read;
    private EventCancellation.Preview preview;
    private EventCancellation.Progress progress;
    private boolean confirmMissing;

    private void read() {
        if (read) {
            return;
        }
        read = true;
        try {
            long id = Long.parseLong(String.valueOf(request.getParameter("event")).strip());
            preview = cancellation.preview(id);
            progress = cancellation.progress(id);
        } catch (NumberFormatException | CatalogNotFoundException e) {
            preview = null;
        }
    }

    /** Before the page renders: an event that is not this shop's is a 404, as in the API. */
    public void check() throws IOException {
        read();
        if (preview == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, fmt.text("cancel.noSuchEvent"));
            FacesContext.getCurrentInstance().responseComplete();
        }
    }

    public Event getEvent() {
        read();
        return preview.event();
    }

    public ZonedDateTime getStartsAt() {
        return getEvent().getStartsAt().atZoneSameInstant(getEvent().getVenue().getTimeZone());
    }

    public boolean isCancelled() {
        return getEvent().getStatus() == EventStatus.CANCELLED;
    }

    public EventCancellations.Impact getImpact() {
        read();
        return preview.impact();
    }

    /** Paid money still not refunded, per currency, in the reader's format. */
    public List<String[]> getPaidAmounts() {
        List<String[]> out = new ArrayList<>();
        for (EventCancellations.Paid p : getImpact().paid()) {
            out.add(new String[] {p.currency(), fmt.number(p.orders()), fmt.money(Money.ofMinor(p.amountMinor(), p.currency()))});
        }
        return out;
    }

    public EventCancellation.Progress getProgress() {
        read();
        return progress;
    }

    public List<String> getRefundedAmounts() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : getProgress().refundedMinor().entrySet()) {
            out.add(fmt.money(Money.ofMinor(e.getValue(), e.getKey())));
        }
        return out;
    }

    public String reason(EventCancellations.RefundRow row) {
        String reason = row.reason();
        if (reason == null) {
            return "";
        }
        return switch (reason) {
            case EventCancellation.PROVIDER_DOWN, EventCancellation.NOT_PAID, EventCancellation.NOTHING_LEFT,
                 EventCancellation.IN_PROGRESS -> fmt.text("cancel.reason." + reason);
            default -> fmt.text("cancel.reason.other", reason);
        };
    }

    public String orderUrl(EventCancellations.RefundRow row) {
        return SignInFilter.shopUrl(request, "/manage/orders/detail.xhtml") + "?order=" + row.orderId();
    }

    public String shortId(EventCancellations.RefundRow row) {
        return row.orderId().toString().substring(0, 8).toUpperCase();
    }

    public String getSelfUrl() {
        return SignInFilter.shopUrl(request, "/manage/events/cancel.xhtml") + "?event=" + getEvent().getId();
    }

    public String getEventUrl() {
        return SignInFilter.shopUrl(request, "/manage/events/edit.xhtml") + "?event=" + getEvent().getId();
    }

    public boolean isChangeable() {
        SignedInUser user = SignInFilter.current(request).orElse(null);
        return user != null && user.mayChange("events");
    }

    public boolean isConfirmMissing() {
        return confirmMissing;
    }

    /** Cancels (the box "I understand" must be ticked) and, if chosen, starts the refunds. */
    public String cancel() {
        read();
        if (preview == null || !isChangeable()) {
            SeriesPage.message(FacesMessage.SEVERITY_ERROR, fmt.text("cancel.notAllowed"));
            return null;
        }
        if (!isCancelled() && request.getParameter("confirm") == null) {
            confirmMissing = true;
            return null;
        }
        boolean refund = request.getParameter("refund") != null;
        EventCancellation.Cancelled done = cancellation.cancel(SignInFilter.current(request).orElseThrow().actor(),
                getEvent().getId(), refund);
        SeriesPage.redirect(request, "/manage/events/cancel.xhtml?event=" + getEvent().getId() + "&done="
                + (done.newlyCancelled() ? "done" : "already") + "-" + done.refundsQueued());
        return null;
    }

    /** What the last action did, from the address it redirected to. */
    public String getNotice() {
        return SeriesPage.notice(request, fmt, "cancel", java.util.Set.of("done", "already", "retried"));
    }

    /** Failed refunds are tried again by the next housekeeping round. */
    public String retry() {
        read();
        if (preview == null || !isChangeable()) {
            SeriesPage.message(FacesMessage.SEVERITY_ERROR, fmt.text("cancel.notAllowed"));
            return null;
        }
        cancellation.retry(SignInFilter.current(request).orElseThrow().actor(), getEvent().getId());
        SeriesPage.redirect(request, "/manage/events/cancel.xhtml?event=" + getEvent().getId() + "&done=retried-0");
        return null;
    }
}
