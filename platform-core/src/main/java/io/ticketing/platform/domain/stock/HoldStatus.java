package io.ticketing.platform.domain.stock;

/** ACTIVE holds keep their tickets; the others have given them back (or, CONVERTED, sold them). */
public enum HoldStatus {
    ACTIVE, RELEASED, EXPIRED, CONVERTED
}
