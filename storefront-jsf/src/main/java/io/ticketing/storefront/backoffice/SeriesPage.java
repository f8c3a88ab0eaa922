package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogConflictException;
import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.EventSeries;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series page ({@code /manage/events/series.xhtml?event=12}): an event not in a series gets the form that makes
 * one (weekdays for some weeks, or a list of dates); an event in one shows the series' dates with status and sales and
 * the form that changes every date still ahead. All on {@link EventSeries}, as the API is.
 */
@Named("seriesPage")
@RequestScoped
public class SeriesPage {

    @Inject
    EventSeries series;
    @Inject
    io.ticketing.platform.application.CatalogAdministration catalog;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private boolean read;
    private Event event;
    private EventSeries.Series current;
    private Map<String, Money> prices;
    private final Map<String, String> errors = new HashMap<>();

    // the forms' values, kept to be shown again with their errors
    private String mode;
    private Set<String> weekdays;
    private String weeks;
    private String dates;
    private String title;
    private String description;
    private String category;
    private String holdMinutes;
    private final Map<String, String> priceInputs = new LinkedHashMap<>();

    private void read() {
        if (read) {
            return;
        }
        read = true;
        String id = request.getParameter("event");
        try {
            event = catalog.event(Long.parseLong(String.valueOf(id).strip()));
            current = series.ofEvent(event.getId()).orElse(null);
            if (current != null) {
                prices = series.prices(current);
            }
        } catch (NumberFormatException | CatalogNotFoundException e) {
            event = null;
        }
    }

    /** Before the page renders: an event that is not this shop's is a 404, as in the API. */
    public void check() throws IOException {
        read();
        if (event == null) {
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.responseSendError(404, fmt.text("series.noSuchEvent"));
            FacesContext.getCurrentInstance().responseComplete();
        }
    }

    public Event getEvent() {
        read();
        return event;
    }

    public EventSeries.Series getSeries() {
        read();
        return current;
    }

    public ZonedDateTime getEventStart() {
        read();
        return event.getStartsAt().atZoneSameInstant(event.getVenue().getTimeZone());
    }

    public String getEventWeekday() {
        return getEventStart().getDayOfWeek().getDisplayName(TextStyle.FULL, fmt.getLocale());
    }

    public boolean isChangeable() {
        SignedInUser user = SignInFilter.current(request).orElse(null);
        return user != null && user.mayChange("events");
    }

    public boolean isAnyAhead() {
        read();
        return current != null && current.dates().stream().anyMatch(EventSeries.Date::ahead);
    }

    public String statusLabel(EventSeries.Date date) {
        return fmt.text("series.status." + date.status().name());
    }

    public String editUrl(EventSeries.Date date) {
        return SignInFilter.shopUrl(request, "/manage/events/edit.xhtml") + "?event=" + date.eventId();
    }

    public String cancelUrl(EventSeries.Date date) {
        return SignInFilter.shopUrl(request, "/manage/events/cancel.xhtml") + "?event=" + date.eventId();
    }

    public String getBackUrl() {
        read();
        return SignInFilter.shopUrl(request, "/manage/events/edit.xhtml") + "?event=" + event.getId();
    }

    /** The weekdays, Monday first, with their names in the reader's language. */
    public List<String[]> getWeekdayChoices() {
        List<String[]> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            days.add(new String[] {day.name(), day.getDisplayName(TextStyle.FULL, fmt.getLocale()), day.name().toLowerCase()});
        }
        return days;
    }

    public boolean weekdayChosen(String day) {
        read();
        if (weekdays == null) {
            return event != null && getEventStart().getDayOfWeek().name().equals(day);
        }
        return weekdays.contains(day);
    }

    public boolean isListMode() {
        return "dates".equals(mode);
    }

    public String getWeeks() {
        return weeks == null ? "4" : weeks;
    }

    public String getDates() {
        return dates;
    }

    public Map<String, Money> getPrices() {
        read();
        return prices;
    }

    public List<String> getPriceNames() {
        read();
        return prices == null ? List.of() : new ArrayList<>(prices.keySet());
    }

    public String priceValue(String name) {
        String typed = priceInputs.get(name);
        return typed != null ? typed : prices.get(name).amount().toPlainString();
    }

    public String priceCurrency(String name) {
        return prices.get(name).currency().getCurrencyCode();
    }

    public String getTitle() {
        read();
        return title != null ? title : event.getTitle();
    }

    public String getDescription() {
        read();
        return description != null ? description : event.getDescription();
    }

    public String getCategory() {
        read();
        return category != null ? category : event.getCategory();
    }

    public String getHoldMinutes() {
        read();
        return holdMinutes != null ? holdMinutes : Integer.toString(event.getHoldMinutes());
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public boolean priceHasError(int index) {
        return errors.containsKey("price-" + index);
    }

    public String priceError(int index) {
        return errors.get("price-" + index);
    }

    public String priceErrorId(int index) {
        return "price-" + index + "-error";
    }

    /** Makes the series; its page then shows the dates. */
    public String create() {
        read();
        if (event == null || !isChangeable()) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("series.notAllowed"));
            return null;
        }
        mode = "dates".equals(request.getParameter("mode")) ? "dates" : "weekly";
        String[] days = request.getParameterValues("weekday");
        weekdays = days == null ? Set.of() : Set.copyOf(Arrays.asList(days));
        weeks = request.getParameter("weeks");
        dates = request.getParameter("dates");
        try {
            EventSeries.Created created;
            if (mode.equals("dates")) {
                created = series.create(user().actor(), event.getId(), Set.of(), null, parseDates(dates));
            } else {
                created = series.create(user().actor(), event.getId(), EventSeries.weekdays(List.copyOf(weekdays)), parseWeeks(weeks), List.of());
            }
            return done("created", created.eventIds().size() + 1);
        } catch (EventSeries.InvalidDatesException e) {
            errors.put(e.field(), fmt.text("series.invalid." + e.reason(), e.date() == null ? "" : fmt.date(e.date().atStartOfDay(getEventStart().getZone()))));
        } catch (InvalidFieldException e) {
            if (e.field().equals("dates-format")) {
                errors.put("dates", fmt.text("series.invalid.format", e.getMessage()));
            } else {
                errors.put(e.field(), fmt.text("series.invalid.field", e.getMessage()));
            }
        } catch (CatalogConflictException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("series.conflict"));
        }
        return null;
    }

    /** Changes every date of the series still ahead. */
    public String edit() {
        read();
        if (current == null || !isChangeable()) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("series.notAllowed"));
            return null;
        }
        title = request.getParameter("title");
        description = request.getParameter("description");
        category = request.getParameter("category");
        holdMinutes = request.getParameter("holdMinutes");
        Map<String, Money> newPrices = new LinkedHashMap<>();
        List<String> names = getPriceNames();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String typed = request.getParameter("price-" + i);
            priceInputs.put(name, typed);
            Money was = prices.get(name);
            try {
                BigDecimal amount = new BigDecimal(String.valueOf(typed).strip().replace(',', '.'));
                int digits = Math.max(0, was.currency().getDefaultFractionDigits());
                if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > digits) {
                    throw new NumberFormatException();
                }
                Money money = new Money(amount.movePointRight(digits).longValueExact(), was.currency());
                if (!money.equals(was)) {
                    newPrices.put(name, money);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                errors.put("price-" + i, fmt.text("series.invalid.price", was.currency().getCurrencyCode()));
            }
        }
        Integer hold = null;
        try {
            hold = Integer.valueOf(String.valueOf(holdMinutes).strip());
        } catch (NumberFormatException e) {
            errors.put("holdMinutes", fmt.text("series.invalid.holdMinutes"));
        }
        if (title == null || title.isBlank()) {
            errors.put("title", fmt.text("series.invalid.title"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            EventSeries.Edited edited = series.edit(user().actor(), current.id(),
                    new EventSeries.Edit(title, description == null ? "" : description, category == null ? "" : category, hold, newPrices));
            return done("edited", edited.datesChanged());
        } catch (InvalidFieldException e) {
            String field = e.field() != null && e.field().startsWith("price.") ? "price-" + names.indexOf(e.field().substring(6)) : e.field();
            errors.put(field, fmt.text(field.equals("holdMinutes") ? "series.invalid.holdMinutes" : "series.invalid.field", e.getMessage()));
        } catch (CatalogConflictException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("series.nothingAhead"));
        }
        return null;
    }

    private static Integer parseWeeks(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Dates one per line (or separated by commas or spaces), as 2027-01-08. */
    private List<LocalDate> parseDates(String text) {
        List<LocalDate> parsed = new ArrayList<>();
        if (text == null) {
            return parsed;
        }
        for (String part : text.split("[\\s,;]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                parsed.add(LocalDate.parse(part.strip()));
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("dates-format", part);
            }
        }
        return parsed;
    }

    private SignedInUser user() {
        return SignInFilter.current(request).orElseThrow();
    }

    /** Post/Redirect/Get: the page again, saying what was done ({@code done=created-4}); a reload posts nothing. */
    private String done(String what, int count) {
        redirect(request, "/manage/events/series.xhtml?event=" + event.getId() + "&done=" + what + "-" + count);
        return null;
    }

    static void redirect(HttpServletRequest request, String pathAndQuery) {
        try {
            FacesContext.getCurrentInstance().getExternalContext().redirect(SignInFilter.shopUrl(request, pathAndQuery));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the last action did, from the address it redirected to. */
    public String getNotice() {
        return notice(request, fmt, "series", Set.of("created", "edited"));
    }

    static String notice(HttpServletRequest request, Formats fmt, String prefix, Set<String> kinds) {
        String done = request.getParameter("done");
        if (done == null || !done.matches("[a-z]+-\\d{1,4}")) {
            return null;
        }
        String kind = done.substring(0, done.indexOf('-'));
        return kinds.contains(kind) ? fmt.text(prefix + "." + kind, Integer.parseInt(done.substring(done.indexOf('-') + 1))) : null;
    }

    static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

}
