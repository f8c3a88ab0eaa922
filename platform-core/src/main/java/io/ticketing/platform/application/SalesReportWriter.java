package io.ticketing.platform.application;

import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.SalesLine;
import io.ticketing.platform.domain.report.SalesReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;

/**
 * Writes a sales report as PDF, XLSX or CSV. A port: its implementation (JasperReports for PDF and XLSX, Commons
 * CSV for CSV) lives in the module {@code reporting}. The detail lines come from a database cursor and are read
 * once, in order; the writer keeps no more of them in memory than its format needs (PDF and XLSX pages are
 * swapped to a temporary file), so a report of any size fits a bounded heap.
 */
public interface SalesReportWriter {

    void write(SalesReport report, ReportFormat format, Locale locale, Iterator<SalesLine> lines, OutputStream out)
            throws IOException;
}
