package io.ticketing.storefront.shop;

import io.ticketing.platform.domain.shared.Money;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Dates, times, amounts and texts in the reader's language: the locale Faces chose for the view
 * from the browser's Accept-Language (faces-config's locale-config), English otherwise. Dates and
 * times stay in their own time zone (an event's, its venue's); amounts are exact ({@link Money}).
 * The date and time patterns are the bundle's {@code format.date} and {@code format.time}.
 */
@Named("fmt")
@RequestScoped
public class Formats {

    /** The storefront's bundle, declared in faces-config.xml as {@code msg}. */
    public static final String BUNDLE = "io.ticketing.storefront.i18n.messages";
    static final Locale FALLBACK = Locale.ENGLISH;

    private Locale locale;
    private ResourceBundle bundle;
    private DateTimeFormatter date;
    private DateTimeFormatter time;

    public Formats() {
    }

    /** Formats for one locale, outside Faces (tests, mails to come). */
    public Formats(Locale locale) {
        this.locale = locale;
    }

    /** The view's locale; fixed for the request once read. */
    public Locale getLocale() {
        if (locale == null) {
            FacesContext faces = FacesContext.getCurrentInstance();
            locale = faces != null && faces.getViewRoot() != null && faces.getViewRoot().getLocale() != null
                    ? faces.getViewRoot().getLocale() : FALLBACK;
        }
        return locale;
    }

    /** The bundle the pages know as {@code msg}, in {@link #getLocale()}. */
    public ResourceBundle bundle() {
        if (bundle == null) {
            bundle = ResourceBundle.getBundle(BUNDLE, getLocale());
        }
        return bundle;
    }

    /** A text of the bundle with its {0}, {1}... filled in, numbers written the reader's way. */
    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle().getString(key), getLocale()).format(arguments);
    }

    public String money(Money amount) {
        return amount == null ? "" : amount.format(getLocale());
    }

    public String number(long value) {
        return NumberFormat.getIntegerInstance(getLocale()).format(value);
    }

    public String date(ZonedDateTime moment) {
        if (date == null) {
            date = DateTimeFormatter.ofPattern(bundle().getString("format.date"), getLocale());
        }
        return moment == null ? "" : date.format(moment);
    }

    public String time(ZonedDateTime moment) {
        if (time == null) {
            time = DateTimeFormatter.ofPattern(bundle().getString("format.time"), getLocale());
        }
        return moment == null ? "" : time.format(moment);
    }

    /** For a time element's datetime attribute: ISO 8601 with the offset, e.g. 2026-12-10T19:00+01:00. */
    public String iso(ZonedDateTime moment) {
        return moment == null ? "" : moment.toOffsetDateTime().toString();
    }
}
