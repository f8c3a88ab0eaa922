package io.ticketing.platform.domain.report;

import java.util.Locale;
import java.util.Optional;

/** The formats a sales report is written in, with what an HTTP response says about each. */
public enum ReportFormat {
    PDF("application/pdf"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    CSV("text/csv; charset=UTF-8");

    private final String mediaType;

    ReportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportFormat> ofExtension(String extension) {
        for (ReportFormat f : values()) {
            if (f.extension().equalsIgnoreCase(String.valueOf(extension))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
