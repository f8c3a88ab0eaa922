package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogAdministration;
import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.domain.catalog.Venue;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.storefront.shop.Formats;
import io.ticketing.storefront.shop.ShopPage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;

/** The shop's venues ({@code /manage/events/venues.xhtml}): the list, and a form for a new one or {@code ?venue=3}. */
@Named("venuesPage")
@RequestScoped
public class VenuesPage {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    @Inject
    CatalogAdministration catalog;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;
    @Inject
    ShopPage shop;

    private List<Venue> venues;
    private Venue venue;
    private boolean venueRead;
    private String name;
    private String address;
    private String city;
    private String country;
    private String timeZone;

    public void load() throws IOException {
        String id = request.getParameter("venue");
        if (id != null && !id.isBlank() && getVenue() == null) {
            FacesContext context = FacesContext.getCurrentInstance();
            context.getExternalContext().responseSendError(404, fmt.text("events.notFound"));
            context.responseComplete();
        }
    }

    public List<Venue> getVenues() {
        if (venues == null) {
            venues = catalog.venues();
        }
        return venues;
    }

    public boolean isNoVenues() {
        return getVenues().isEmpty();
    }

    public List<String> getZones() {
        return ZONES;
    }

    public boolean isMayChange() {
        return EventForms.mayChange(request);
    }

    public Venue getVenue() {
        if (!venueRead) {
            venueRead = true;
            String id = request.getParameter("venue");
            if (id != null && !id.isBlank()) {
                try {
                    venue = catalog.venue(Long.parseLong(id.strip()));
                } catch (CatalogNotFoundException | NumberFormatException e) {
                    venue = null;
                }
            }
        }
        return venue;
    }

    public Long getVenueId() {
        return getVenue() == null ? null : getVenue().getId();
    }

    public String getName() {
        return name != null ? name : getVenue() == null ? "" : getVenue().getName();
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAddress() {
        return address != null ? address : getVenue() == null || getVenue().getAddress() == null ? "" : getVenue().getAddress();
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getCity() {
        return city != null ? city : getVenue() == null ? "" : getVenue().getCity();
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getCountry() {
        return country != null ? country : getVenue() == null || getVenue().getCountry() == null ? "" : getVenue().getCountry();
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public String getTimeZone() {
        return timeZone != null ? timeZone : getVenue() == null ? "Europe/Berlin" : getVenue().getTimeZone().getId();
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public void save() {
        try {
            var actor = EventForms.actor(request);
            String c = country == null || country.isBlank() ? null : country.strip().toUpperCase(java.util.Locale.ROOT);
            if (getVenue() == null) {
                catalog.addVenue(actor, name, address, city, c, timeZone);
                EventForms.redirect(shop.url("/manage/events/venues.xhtml"), fmt.text("events.venue.created"));
            } else {
                catalog.editVenue(actor, getVenue().getId(), name, address, city, c, timeZone);
                EventForms.redirect(shop.url("/manage/events/venues.xhtml"), fmt.text("events.venue.saved"));
            }
        } catch (InvalidFieldException e) {
            EventForms.fieldError(fmt, "venueForm", e);
        }
    }
}
