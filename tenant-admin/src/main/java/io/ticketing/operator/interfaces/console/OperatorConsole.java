package io.ticketing.operator.interfaces.console;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.operator.application.TenantNotFoundException;
import io.ticketing.operator.application.TenantOperations;
import io.ticketing.operator.infrastructure.IdentityUnavailableException;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.InvalidTenantSlugException;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.tenant.TenantConflictException;
import io.ticketing.platform.domain.tenant.TenantStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The operator console's one page: the tenants, and the same actions as the API. Its answers are
 * the bundle {@code msg}'s, in the view's language; what went wrong comes from the platform's
 * exceptions, in English.
 */
@Named("console")
@RequestScoped
public class OperatorConsole {

    @Inject
    TenantOperations operations;
    @Inject
    HttpServletRequest request;

    private String slug;
    private String name;
    private String adminEmail;
    private String hosts;
    private String primaryColor = Branding.DEFAULT_COLOR;
    private String confirm;
    private String initialAdminPassword;
    private String exportUrl;

    public SignedInOperator getOperator() {
        return (SignedInOperator) request.getSession().getAttribute(SignedInOperator.SESSION_ATTRIBUTE);
    }

    public List<Tenant> getTenants() {
        return operations.list();
    }

    public String hosts(Tenant tenant) {
        return String.join(", ", tenant.hosts());
    }

    public void onboard() {
        act("slug", () -> {
            NewTenant request = new NewTenant(new TenantSlug(slug == null ? "" : slug.strip()), name,
                    hosts == null || hosts.isBlank() ? List.of() : Arrays.stream(hosts.split("[,\\s]+")).filter(h -> !h.isBlank()).toList(),
                    new Branding(null, primaryColor, null), adminEmail == null || adminEmail.isBlank() ? null : adminEmail);
            var onboarded = operations.onboard(operator(), request);
            initialAdminPassword = onboarded.initialAdminPassword();
            return text("result.status", onboarded.tenant().slug().value(), status(onboarded.tenant().status()));
        });
    }

    public void suspend(String tenant) {
        act(null, () -> text("result.status", tenant, status(operations.suspend(operator(), tenant).status())));
    }

    public void reactivate(String tenant) {
        act(null, () -> text("result.status", tenant, status(operations.reactivate(operator(), tenant).status())));
    }

    public void offboard(String tenant) {
        act("confirm", () -> {
            UUID export = operations.offboard(operator(), tenant, confirm == null ? null : confirm.strip());
            exportUrl = request.getContextPath() + "/api/exports/" + export;
            return text("result.offboarded", tenant);
        });
    }

    /** Runs an action and reports its outcome or its problem as a message a person can act on. */
    private void act(String defaultField, Supplier<String> action) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, action.get(), null));
        } catch (InvalidFieldException e) {
            error(e.field(), e.getMessage());
        } catch (InvalidTenantSlugException e) {
            error("slug", e.getMessage());
        } catch (TenantConflictException e) {
            error(e.field(), e.getMessage());
        } catch (TenantNotFoundException e) {
            error(null, e.getMessage());
        } catch (IdentityUnavailableException | PlatformDataException e) {
            error(null, text("error.unavailable"));
        } catch (IllegalArgumentException e) {
            error(defaultField, e.getMessage());
        }
    }

    private void error(String field, String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                field == null ? message : text("error.field", field, message), null));
    }

    /** The label of a row's confirmation field: which tenant typing its slug offboards. */
    public String confirmLabel(String tenant) {
        return text("tenants.confirm", tenant);
    }

    /** A text of the bundle msg in the view's language, its {0}, {1}... filled in. */
    private static String text(String key, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
        return new MessageFormat(bundle.getString(key), faces.getViewRoot().getLocale()).format(arguments);
    }

    private static String status(TenantStatus status) {
        return text("status." + status.name());
    }

    private String operator() {
        return getOperator().email();
    }

    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getAdminEmail() { return adminEmail; }
    public void setAdminEmail(String adminEmail) { this.adminEmail = adminEmail; }
    public String getHosts() { return hosts; }
    public void setHosts(String hosts) { this.hosts = hosts; }
    public String getPrimaryColor() { return primaryColor; }
    public void setPrimaryColor(String primaryColor) { this.primaryColor = primaryColor; }
    public String getConfirm() { return confirm; }
    public void setConfirm(String confirm) { this.confirm = confirm; }
    public String getInitialAdminPassword() { return initialAdminPassword; }
    public String getExportUrl() { return exportUrl; }
}
