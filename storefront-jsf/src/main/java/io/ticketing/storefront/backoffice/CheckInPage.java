package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogAdministration;
import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.CheckIn;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.checkin.CheckInOutcome;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The door's page ({@code /manage/checkin.xhtml?event=12&device=Gate+A}): the event this door admits
 * to and the scanner's name come from the address (a bookmark per door), the scanned or typed code
 * from the form; the answer and the counts are the core's {@link CheckIn}, the same as the API's.
 */
@Named("checkInPage")
@RequestScoped
public class CheckInPage {

    /** Events that started longer ago than this are no longer offered (their door has closed). */
    static final int DAYS_BACK = 2;

    @Inject
    CheckIn checkIn;
    @Inject
    CatalogAdministration catalog;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private boolean read;
    private List<Event> events;
    private Event event;
    private String device;
    private String code;
    private CheckIn.Answer answer;
    private CheckIn.Counts counts;

    /** The event and device from the address (GET) or from the form's hidden fields (its POST). */
    private void read() {
        if (read) {
            return;
        }
        read = true;
        String id = request.getParameter("event");
        if (id != null && !id.isBlank()) {
            try {
                event = catalog.event(Long.parseLong(id.strip()));
            } catch (NumberFormatException | CatalogNotFoundException e) {
                event = null;
                message(FacesMessage.SEVERITY_ERROR, fmt.text("checkin.noSuchEvent"));
            }
        }
        String name = request.getParameter("device");
        device = name == null || name.isBlank() ? null : name.strip();
        if (device != null && device.length() > CheckIn.MAX_DEVICE) {
            device = device.substring(0, CheckIn.MAX_DEVICE);
        }
    }

    /** Events a door may admit to: on sale or sold, from two days ago on, soonest first (and the chosen one). */
    public List<Event> getEvents() {
        read();
        if (events == null) {
            OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).minusDays(DAYS_BACK);
            events = new ArrayList<>();
            for (Event e : catalog.events()) {
                if (selected(e) != null || e.getStatus() != EventStatus.DRAFT && !e.getStartsAt().isBefore(from)) {
                    events.add(e);
                }
            }
        }
        return events;
    }

    public String selected(Event e) {
        read();
        return event != null && event.getId().equals(e.getId()) ? "selected" : null;
    }

    public Event getEvent() {
        read();
        return event;
    }

    public String getDevice() {
        read();
        return device;
    }

    /** Back to choosing the event, keeping the scanner's name. */
    public String getOtherDoorUrl() {
        read();
        String choose = SignInFilter.shopUrl(request, "/manage/checkin.xhtml");
        return device == null ? choose : choose + "?device=" + URLEncoder.encode(device, StandardCharsets.UTF_8);
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    /** Checks the code in; the field is emptied for the next scan. */
    public String scan() {
        read();
        if (event == null) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("checkin.chooseEventFirst"));
            return null;
        }
        if (code == null || code.isBlank()) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("checkin.noCode"));
            return null;
        }
        SignedInUser user = SignInFilter.current(request).orElseThrow();
        try {
            answer = checkIn.scan(event.getId(), code, new CheckIn.Scanner(user.email() == null ? user.subject() : user.email(), device));
        } catch (CatalogNotFoundException | InvalidFieldException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("checkin.noSuchEvent"));
        }
        code = null;
        counts = null; // read while the form was decoded (ui:repeat), before this scan: read again
        return null;
    }

    public CheckIn.Answer getAnswer() {
        return answer;
    }

    /** The answer's headline: "Admitted" or "Refused: reason", in the reader's language. */
    public String getVerdict() {
        if (answer == null) {
            return "";
        }
        CheckInOutcome outcome = answer.outcome();
        return outcome.admits() ? fmt.text("checkin.admitted")
                : fmt.text("checkin.refused", fmt.text("checkin.reason." + outcome.name()));
    }

    /** What the door person needs to know besides the verdict: the ticket type, or when and by whom it was admitted. */
    public String getDetail() {
        if (answer == null) {
            return "";
        }
        return switch (answer.outcome()) {
            case ADMITTED -> answer.ticketType();
            case ALREADY_ADMITTED -> fmt.text(answer.firstAdmittedDevice() == null ? "checkin.firstAdmitted" : "checkin.firstAdmittedAt",
                    fmt.date(local(answer.firstAdmittedAt())), fmt.time(local(answer.firstAdmittedAt())), answer.firstAdmittedBy(),
                    answer.firstAdmittedDevice(), answer.ticketType());
            case OTHER_EVENT -> fmt.text("checkin.otherEventIs", answer.otherEventTitle());
            default -> "";
        };
    }

    /** A moment at the event's venue (where the door is). */
    private ZonedDateTime local(Instant at) {
        ZoneId zone = event.getVenue().getTimeZone();
        return at.atZone(zone);
    }

    public ZonedDateTime startsAt(Event e) {
        return e.getStartsAt().atZoneSameInstant(e.getVenue().getTimeZone());
    }

    public CheckIn.Counts getCounts() {
        read();
        if (counts == null && event != null) {
            counts = checkIn.counts(event.getId());
        }
        return counts;
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }
}
