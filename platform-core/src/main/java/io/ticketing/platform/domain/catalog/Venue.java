package io.ticketing.platform.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.ZoneId;

/** A place where events happen, with the time zone its events are shown in. */
@Entity
@Table(name = "venue")
public class Venue {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    private String address;

    @Column(nullable = false)
    private String city;

    private String country;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    protected Venue() {
    }

    public Venue(String name, String address, String city, String country, ZoneId timeZone) {
        this.name = name;
        this.address = address;
        this.city = city;
        this.country = country;
        this.timeZone = timeZone.getId();
    }

    public void describe(String name, String address, String city, String country, ZoneId timeZone) {
        this.name = name;
        this.address = address;
        this.city = city;
        this.country = country;
        this.timeZone = timeZone.getId();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getAddress() {
        return address;
    }

    public String getCity() {
        return city;
    }

    public String getCountry() {
        return country;
    }

    public ZoneId getTimeZone() {
        return ZoneId.of(timeZone);
    }
}
