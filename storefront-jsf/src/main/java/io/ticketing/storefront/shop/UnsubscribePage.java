package io.ticketing.storefront.shop;

import io.ticketing.platform.application.Promotions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The page an unsubscribe link opens ({@code /unsubscribe?t=}): it asks first, because mail scanners follow
 * links; the button (or a mail program's one-click POST to {@code /api/unsubscribe/{token}}) does it.
 */
@Named("unsubscribePage")
@RequestScoped
public class UnsubscribePage {

    @Inject
    Promotions promotions;

    @Inject
    HttpServletRequest request;

    private Promotions.Unsubscribed outcome;

    /** The link's token; the form sends it back as a plain field of the same name. */
    public String getToken() {
        return request.getParameter("t");
    }

    public String unsubscribe() {
        outcome = promotions.unsubscribe(getToken());
        return null;
    }

    public boolean isDone() {
        return outcome == Promotions.Unsubscribed.NOW;
    }

    public boolean isAlready() {
        return outcome == Promotions.Unsubscribed.ALREADY;
    }
}
