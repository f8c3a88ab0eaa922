package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.shared.Money;
import java.time.ZonedDateTime;

/** One line of a storefront listing; {@code priceFrom} is null while an event has no ticket types. */
public record EventSummary(long id, String title, String category, ZonedDateTime startsAt,
                           String venueName, String city, Money priceFrom, EventStatus status) {
}
