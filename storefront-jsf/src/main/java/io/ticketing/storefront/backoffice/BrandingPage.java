package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.ShopBranding;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.BrandColours;
import io.ticketing.platform.domain.tenant.BrandingRefusedException;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantConflictException;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import io.ticketing.storefront.shop.ShopPage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * The shop's look for its admins ({@code /manage/branding/index.xhtml}): name, brand colour (with its contrast against
 * white and black text), custom CSS (what the filter removed is shown), the logo (uploaded, checked by its bytes) and
 * the host names the shop answers on; a preview of the shop's header that branding.js keeps up with the fields. All
 * through {@link ShopBranding}, as the API. After a change the page (its header too) shows the shop as it is now.
 */
@Named("brandingPage")
@RequestScoped
public class BrandingPage {

    /** Read this many bytes of an upload at most: one more than a logo may have, so an oversize file is told as such. */
    private static final int READ_LIMIT = io.ticketing.platform.domain.tenant.LogoImage.MAX_BYTES + 1;

    @Inject
    ShopBranding branding;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private Tenant tenant;
    private String displayName;
    private String primaryColor;
    private String customCss;
    private Part logoFile;
    private String newHost;
    private List<String> removedCss;
    private boolean saved;

    private Tenant tenant() {
        if (tenant == null) {
            tenant = branding.current();
        }
        return tenant;
    }

    public String getDisplayName() {
        return displayName != null ? displayName : tenant().displayName();
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPrimaryColor() {
        return primaryColor != null ? primaryColor : tenant().branding().primaryColor();
    }

    public void setPrimaryColor(String primaryColor) {
        this.primaryColor = primaryColor;
    }

    public String getCustomCss() {
        return customCss != null ? customCss : tenant().branding().customCss();
    }

    public void setCustomCss(String customCss) {
        this.customCss = customCss;
    }

    public Part getLogoFile() {
        return logoFile;
    }

    public void setLogoFile(Part logoFile) {
        this.logoFile = logoFile;
    }

    public String getNewHost() {
        return newHost;
    }

    public void setNewHost(String newHost) {
        this.newHost = newHost;
    }

    public List<String> getHosts() {
        return tenant().hosts();
    }

    public String getSlug() {
        return tenant().slug().value();
    }

    public List<String> getRemovedCss() {
        return removedCss;
    }

    public boolean isSaved() {
        return saved;
    }

    /** The saved logo's address (the uploaded one under its hash), or null. */
    public String getLogoSrc() {
        return ShopPage.logoSrc(request, tenant().branding());
    }

    /** The colour shown: what was typed when it was refused, else the saved one; a valid one for the preview always. */
    private String previewColor() {
        try {
            return ShopBranding.color(getPrimaryColor());
        } catch (InvalidFieldException e) {
            return tenant().branding().primaryColor();
        }
    }

    /** The preview's CSS variables, the shop's own rule ({@link ShopPage#brandStyle(String)}). */
    public String getPreviewStyle() {
        return ShopPage.brandStyle(previewColor());
    }

    public ShopBranding.Contrast getContrast() {
        return ShopBranding.contrast(previewColor());
    }

    /** The brand colour reads as link colour on the page (else the shop uses dark text for links). */
    public boolean isColorReadableOnPage() {
        return BrandColours.contrast(previewColor(), "#fafafa") >= BrandColours.AA;
    }

    public String ratio(double ratio) {
        return String.format(fmt.getLocale(), "%.1f:1", Math.floor(ratio * 10) / 10);
    }

    // --- actions

    public String saveLook() {
        try {
            ShopBranding.Changed changed = branding.change(actor(), displayName, primaryColor, customCss);
            showChanged(changed.tenant());
            removedCss = changed.removedCss();
            customCss = null;
            message(null, FacesMessage.SEVERITY_INFO, fmt.text(removedCss.isEmpty() ? "branding.saved" : "branding.savedFiltered",
                    removedCss.size()));
        } catch (BrandingRefusedException e) {
            refused(e);
        }
        return null;
    }

    public String uploadLogo() {
        try {
            if (logoFile == null || logoFile.getSize() == 0) {
                throw new BrandingRefusedException("logo", "logo.missing", "Choose an image file to upload");
            }
            byte[] bytes;
            try (InputStream in = logoFile.getInputStream()) {
                bytes = in.readNBytes(READ_LIMIT);
            }
            if (logoFile.getSize() > bytes.length) {
                bytes = new byte[(int) Math.min(logoFile.getSize(), Integer.MAX_VALUE - 8)]; // only its length is judged
            }
            showChanged(branding.uploadLogo(actor(), bytes));
            message(null, FacesMessage.SEVERITY_INFO, fmt.text("branding.logo.saved"));
        } catch (BrandingRefusedException e) {
            refused(e);
        } catch (IOException e) {
            message("logoFile", FacesMessage.SEVERITY_ERROR, fmt.text("branding.invalid.logo.broken"));
        }
        return null;
    }

    public String removeLogo() {
        showChanged(branding.removeLogo(actor()));
        message(null, FacesMessage.SEVERITY_INFO, fmt.text("branding.logo.removed"));
        return null;
    }

    public String addHost() {
        try {
            showChanged(branding.addHost(actor(), newHost));
            message(null, FacesMessage.SEVERITY_INFO, fmt.text("branding.hosts.added", newHost.strip().toLowerCase(Locale.ROOT)));
            newHost = null;
        } catch (BrandingRefusedException e) {
            refused(e);
        } catch (TenantConflictException e) {
            message("newHost", FacesMessage.SEVERITY_ERROR, fmt.text("branding.invalid.host.taken", newHost));
        }
        return null;
    }

    public String removeHost(String host) {
        try {
            showChanged(branding.removeHost(actor(), host));
            message(null, FacesMessage.SEVERITY_INFO, fmt.text("branding.hosts.removed", host));
        } catch (RuntimeException e) {
            message(null, FacesMessage.SEVERITY_WARN, fmt.text("branding.hosts.notThere", host));
        }
        return null;
    }

    private void showChanged(Tenant now) {
        tenant = now;
        saved = true;
        request.setAttribute(ShopPage.CHANGED_TENANT, now);
    }

    /** The refusal in the reader's words, next to its field. */
    private void refused(BrandingRefusedException e) {
        String key = "branding.invalid." + e.reason();
        String text = fmt.bundle().containsKey(key) ? fmt.text(key, e.arguments().toArray()) : e.getMessage();
        String input = switch (e.field()) {
            case "displayName" -> "displayName";
            case "primaryColor" -> "primaryColor";
            case "customCss" -> "customCss";
            case "logo" -> "logoFile";
            case "host" -> "newHost";
            default -> null;
        };
        message(input, FacesMessage.SEVERITY_ERROR, text);
    }

    /** Whether {@code input} (an id in the page's forms) has an error to show; for aria-invalid. */
    public boolean invalid(String input) {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getMessageList(clientId(input)).stream().anyMatch(m -> m.getSeverity() == FacesMessage.SEVERITY_ERROR);
    }

    private static String clientId(String input) {
        return switch (input) {
            case "logoFile" -> "logo:logoFile";
            case "newHost" -> "hosts:newHost";
            default -> "look:" + input;
        };
    }

    private StaffAuditLog.Actor actor() {
        SignedInUser user = SignInFilter.current(request).orElseThrow(() -> new SecurityException("Not signed in"));
        if (!user.mayChange("branding")) {
            throw new SecurityException("Only the shop's admins may change its look");
        }
        return user.actor();
    }

    private static void message(String input, FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(input == null ? null : clientId(input), new FacesMessage(severity, text, null));
    }
}
