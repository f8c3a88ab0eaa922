package io.ticketing.storefront.shop;

import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.domain.order.OrderSearches;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.storefront.security.SignInFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** The signed-in buyer's orders in this shop, newest first ({@code /account/orders.xhtml}, behind sign-in). */
@Named("myOrders")
@RequestScoped
public class MyOrders {

    static final int SHOWN = 100;

    @Inject
    OrderService orders;
    @Inject
    HttpServletRequest request;

    private List<OrderView> list;

    public List<OrderView> getOrders() {
        if (list == null) {
            list = SignInFilter.current(request)
                    .map(user -> orders.search(new OrderSearches.Search(null, null, null, null, null, user.subject(), false, SHOWN)))
                    .orElse(List.of());
        }
        return list;
    }

    /** The order's number as a buyer quotes it: the start of its id, which is unique enough to find it in a shop. */
    public String number(OrderView order) {
        return order.id().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    public String url(OrderView order) {
        return ShopPage.url(request, "/orders/" + order.id());
    }

    public ZonedDateTime utc(Instant moment) {
        return moment.atZone(ZoneOffset.UTC);
    }
}
