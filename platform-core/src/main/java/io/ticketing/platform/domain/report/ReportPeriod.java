package io.ticketing.platform.domain.report;

import java.time.LocalDate;

/** The days a scheduled report covers, both whole, in its subscription's time zone. */
public record ReportPeriod(LocalDate from, LocalDate to) {

    public ReportPeriod {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("A period ends before it starts: " + from + ".." + to);
        }
    }
}
