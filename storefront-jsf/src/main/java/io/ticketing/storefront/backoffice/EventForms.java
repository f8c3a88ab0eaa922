package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CapacityBelowTakenException;
import io.ticketing.platform.application.CatalogConflictException;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * What the events area's pages share: the signed-in actor, local date-times in a venue's zone, and the
 * service's refusals shown next to their field in the reader's language ({@code events.invalid.<form>.<field>},
 * {@code events.invalid.<field>},
 * {@code events.conflict.<reason>}; the service's own words when the bundle has none).
 */
final class EventForms {

    private EventForms() {
    }

    static StaffAuditLog.Actor actor(HttpServletRequest request) {
        SignedInUser user = SignInFilter.current(request).orElseThrow(() -> new SecurityException("Not signed in"));
        if (!user.mayChange("events")) {
            throw new SecurityException("This role does not change events");
        }
        return user.actor();
    }

    static boolean mayChange(HttpServletRequest request) {
        return SignInFilter.current(request).map(u -> u.mayChange("events")).orElse(false);
    }

    /** A {@code datetime-local} value for a moment in {@code zone}; empty for null. */
    static String local(OffsetDateTime at, ZoneId zone) {
        return at == null ? "" : at.atZoneSameInstant(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** A {@code datetime-local} value read in {@code zone}; null when blank; a field error when unreadable. */
    static OffsetDateTime parse(String value, ZoneId zone, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, field + " is a date and time such as 2027-05-01T19:30");
        }
    }

    static Integer parseInt(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, field + " is a whole number");
        }
    }

    /** The refusal next to its field of {@code form} (the field's id is the service's field name). */
    static void fieldError(Formats fmt, String form, InvalidFieldException e) {
        String text;
        if (e instanceof CapacityBelowTakenException c) {
            text = fmt.text("events.invalid.capacityBelowTaken", c.sold() + c.held(), c.sold(), c.held());
        } else if (fmt.bundle().containsKey("events.invalid." + form + "." + e.field())) {
            text = fmt.text("events.invalid." + form + "." + e.field());
        } else if (fmt.bundle().containsKey("events.invalid." + e.field())) {
            text = fmt.text("events.invalid." + e.field());
        } else {
            text = e.getMessage();
        }
        FacesContext context = FacesContext.getCurrentInstance();
        String clientId = form + ":" + e.field();
        context.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, fmt.text("events.notSaved"), null));
        context.validationFailed();
    }

    static void conflict(Formats fmt, CatalogConflictException e) {
        String key = "events.conflict." + e.reason();
        String text = e.reason() != null && fmt.bundle().containsKey(key) ? fmt.text(key) : e.getMessage();
        message(FacesMessage.SEVERITY_ERROR, text);
    }

    static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    /** After a change: the page again by GET (a reload sends nothing twice), the message kept in the flash. */
    static void redirect(String url, String info) {
        FacesContext context = FacesContext.getCurrentInstance();
        if (info != null) {
            context.getExternalContext().getFlash().setKeepMessages(true);
            message(FacesMessage.SEVERITY_INFO, info);
        }
        try {
            context.getExternalContext().redirect(url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
