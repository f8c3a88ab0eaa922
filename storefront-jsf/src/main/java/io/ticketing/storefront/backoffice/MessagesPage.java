package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.MessageTemplates;
import io.ticketing.platform.application.Notifications;
import io.ticketing.platform.domain.notification.NotificationKind;
import io.ticketing.platform.domain.notification.NotificationRepository;
import io.ticketing.platform.domain.notification.NotificationSettings;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * The shop's mail for staff ({@code /manage/messages.xhtml}): what waits and what is parked, with a retry per
 * parked message; for organizer admins also the sender and the wording of each message per language
 * ({@code ?kind=purchase-confirmation&language=de}; not {@code lang}, which switches the page's own language), previewed with sample data before it is saved. All through
 * {@link Notifications}, as the API.
 */
@Named("messagesPage")
@RequestScoped
public class MessagesPage {

    @Inject
    Notifications notifications;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private NotificationRepository.Backlog backlog;
    private List<NotificationRepository.DeliveryView> parked;
    private NotificationSettings.Sender sender;
    private String senderName;
    private String replyTo;
    private String staffAlerts;
    private String subject;
    private String body;
    private boolean custom;
    private boolean wordingRead;
    private MessageTemplates.Rendered preview;

    public NotificationRepository.Backlog getBacklog() {
        if (backlog == null) {
            backlog = notifications.backlog();
        }
        return backlog;
    }

    public List<NotificationRepository.DeliveryView> getParked() {
        if (parked == null) {
            parked = notifications.list("PARKED", 100);
        }
        return parked;
    }

    public String kindLabel(NotificationKind kind) {
        return fmt.text("messages.kind." + kind.key());
    }

    public String orderNumber(NotificationRepository.DeliveryView d) {
        return d.orderId() == null ? "" : d.orderId().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    public ZonedDateTime local(Instant at) {
        return at == null ? null : at.atZone(ZoneId.systemDefault());
    }

    public String retry(long id) {
        if (notifications.retry(actor(), id)) {
            message(FacesMessage.SEVERITY_INFO, fmt.text("messages.retried"));
        } else {
            message(FacesMessage.SEVERITY_WARN, fmt.text("messages.notParked"));
        }
        parked = null;
        backlog = null;
        return null;
    }

    // --- the sender (admins)

    public boolean isAdmin() {
        SignedInUser user = SignInFilter.current(request).orElse(null);
        return user != null && user.hasAnyRole(java.util.Set.of("organizer-admin"));
    }

    private NotificationSettings.Sender sender() {
        if (sender == null) {
            sender = notifications.sender();
        }
        return sender;
    }

    public String getSenderName() {
        return senderName != null ? senderName : sender().senderName();
    }

    public void setSenderName(String senderName) {
        this.senderName = senderName;
    }

    public String getReplyTo() {
        return replyTo != null ? replyTo : sender().replyTo();
    }

    public void setReplyTo(String replyTo) {
        this.replyTo = replyTo;
    }

    public String getStaffAlerts() {
        return staffAlerts != null ? staffAlerts : sender().staffAlerts();
    }

    public void setStaffAlerts(String staffAlerts) {
        this.staffAlerts = staffAlerts;
    }

    public String saveSender() {
        requireAdmin();
        try {
            sender = notifications.changeSender(actor(), new NotificationSettings.Sender(senderName, replyTo, staffAlerts));
            senderName = null;
            replyTo = null;
            staffAlerts = null;
            message(FacesMessage.SEVERITY_INFO, fmt.text("messages.senderSaved"));
        } catch (InvalidFieldException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("messages.invalid." + e.field()));
        }
        return null;
    }

    // --- the wording (admins)

    public List<NotificationKind> getKinds() {
        return Arrays.asList(NotificationKind.values());
    }

    /** The names a wording may use (code, the same in every language). */
    public String getFieldExamples() {
        return "{{buyer.name}}, {{order.number}}, {{order.total}}, {{order.link}}, {{shop.name}}";
    }

    public String getEventsExample() {
        return "{{#events}}…{{/events}}";
    }

    public String getEventFieldExamples() {
        return "{{title}}, {{when}}, {{venue}}, {{address}}";
    }

    public List<String> getLanguages() {
        return MessageTemplates.LANGUAGES;
    }

    public String languageLabel(String language) {
        return fmt.text("messages.language." + language);
    }

    /** The message being worded, from the address (GET) or the form's hidden field (POST); the first by default. */
    public NotificationKind getKind() {
        return NotificationKind.ofKey(String.valueOf(request.getParameter("kind"))).orElse(NotificationKind.PURCHASE_CONFIRMATION);
    }

    public String getLanguage() {
        String lang = request.getParameter("language");
        return lang != null && MessageTemplates.LANGUAGES.contains(lang) ? lang : "en";
    }

    private void readWording() {
        if (!wordingRead) {
            wordingRead = true;
            Notifications.TemplateView t = notifications.template(getKind(), getLanguage());
            if (subject == null) {
                subject = t.subject();
            }
            if (body == null) {
                body = t.body();
            }
            custom = t.custom();
        }
    }

    public String getSubject() {
        readWording();
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getBody() {
        readWording();
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public boolean isCustom() {
        readWording();
        return custom;
    }

    public MessageTemplates.Rendered getPreview() {
        return preview;
    }

    public String preview() {
        requireAdmin();
        try {
            preview = notifications.preview(getKind(), getLanguage(), subject, body);
        } catch (InvalidFieldException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("messages.cannotUse", e.getMessage()));
        }
        return null;
    }

    public String saveWording() {
        requireAdmin();
        try {
            notifications.saveTemplate(actor(), getKind(), getLanguage(), subject, body);
            wordingRead = false;
            message(FacesMessage.SEVERITY_INFO, fmt.text("messages.wordingSaved"));
        } catch (InvalidFieldException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("messages.cannotUse", e.getMessage()));
        }
        return null;
    }

    public String resetWording() {
        requireAdmin();
        notifications.resetTemplate(actor(), getKind(), getLanguage());
        subject = null;
        body = null;
        wordingRead = false;
        message(FacesMessage.SEVERITY_INFO, fmt.text("messages.wordingReset"));
        return null;
    }

    private void requireAdmin() {
        if (!isAdmin()) {
            throw new SecurityException("Only the shop's admins may change its mail");
        }
    }

    private io.ticketing.platform.domain.tenant.StaffAuditLog.Actor actor() {
        return SignInFilter.current(request).map(SignedInUser::actor)
                .orElseThrow(() -> new SecurityException("Not signed in"));
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }
}
