package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.ReportJob;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.interfaces.web.ProblemPages;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import io.ticketing.storefront.shop.ShopPageServlet;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The finance page's downloads. {@code POST /manage/finance/report} (the filter and {@code format=pdf|xlsx|csv})
 * writes a small report straight into the response; one of more than {@code ticketing.reports.background-above}
 * orders is queued instead and the reader is sent back to the page, which follows its progress through
 * {@code GET /manage/finance/jobs/{id}} (JSON) and downloads it from {@code GET /manage/finance/jobs/{id}/file}.
 * SignInFilter admits finance and organizer admins only; a job is found only for the person who asked for it, in
 * the shop they asked in (its schema), so anyone else gets a 404. The session cookie is SameSite=Lax: no other
 * site can post here in the reader's name.
 */
@WebServlet(urlPatterns = {"/manage/finance/report", "/manage/finance/jobs/*"})
public class FinanceReportServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(FinanceReportServlet.class.getName());
    private static final Pattern JOB = Pattern.compile("/([0-9a-fA-F-]{36})(/file)?");
    static final String PAGE = "/manage/finance/index.xhtml";

    @Inject
    SalesReports reports;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/manage/finance/report".equals(request.getServletPath())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        SignedInUser user = SignInFilter.current(request).orElseThrow();
        Locale locale = ShopPageServlet.readersLanguage(request);
        Optional<ReportFormat> format = ReportFormat.ofExtension(request.getParameter("format"));
        try {
            ZoneId shopZone = reports.shopZone();
            FinanceFilters.Parsed parsed = FinanceFilters.parse(request, shopZone, LocalDate.now(shopZone));
            if (!parsed.valid() || format.isEmpty()) {
                // the page shows what is wrong with the filter
                response.sendRedirect(SignInFilter.shopUrl(request, PAGE) + "?" + FinanceFilters.rawQuery(request));
                return;
            }
            SalesFilter filter = parsed.filter();
            if (reports.needsBackground(filter)) {
                ReportJob job = reports.request(user.actor(), filter, format.get(), locale);
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", SignInFilter.shopUrl(request, PAGE) + "?" + FinanceFilters.query(filter) + "&job=" + job.id() + "#job");
                return;
            }
            response.setContentType(format.get().mediaType());
            response.setHeader("Content-Disposition", "attachment; filename=\"" + SalesReports.fileName(filter, format.get()) + "\"");
            response.setHeader("Cache-Control", "private, no-store");
            reports.write(user.actor(), filter, format.get(), locale, response.getOutputStream());
        } catch (PlatformDataException e) {
            unavailable(request, response, locale, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher m = JOB.matcher(String.valueOf(request.getPathInfo()));
        if (!"/manage/finance/jobs".equals(request.getServletPath()) || !m.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        SignedInUser user = SignInFilter.current(request).orElseThrow();
        Locale locale = ShopPageServlet.readersLanguage(request);
        UUID id;
        try {
            id = UUID.fromString(m.group(1));
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try {
            Optional<ReportJob> job = reports.job(id, user.subject());
            if (job.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setHeader("Cache-Control", "private, no-store");
            if (m.group(2) == null) {
                status(request, response, job.get());
                return;
            }
            if (job.get().status() != ReportJob.Status.READY) {
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write(new Formats(locale).text("finance.job.notReady"));
                return;
            }
            response.setContentType(job.get().format().mediaType());
            response.setHeader("Content-Disposition", "attachment; filename=\"" + job.get().fileName() + "\"");
            if (job.get().fileBytes() != null) {
                response.setContentLengthLong(job.get().fileBytes());
            }
            reports.download(user.actor(), id, response.getOutputStream());
        } catch (PlatformDataException e) {
            unavailable(request, response, locale, e);
        }
    }

    /** A job's progress for the page's script: {@code {"status", "rowsDone", "rowsTotal", "percent", "file"}}. */
    private static void status(HttpServletRequest request, HttpServletResponse response, ReportJob job) throws IOException {
        var json = JsonFields.JSON.createObjectBuilder()
                .add("status", job.status().name())
                .add("rowsDone", job.rowsDone())
                .add("percent", job.percent());
        if (job.rowsTotal() != null) {
            json.add("rowsTotal", job.rowsTotal());
        }
        if (job.status() == ReportJob.Status.READY) {
            json.add("file", SignInFilter.shopUrl(request, "/manage/finance/jobs/" + job.id() + "/file"));
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.build().toString());
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response, Locale locale, RuntimeException e)
            throws IOException {
        LOG.log(Level.WARNING, "A sales report could not be read", e);
        if (response.isCommitted()) {
            throw e; // half a file is sent: the connection is cut, the browser says the download failed
        }
        Formats text = new Formats(locale);
        ProblemPages.send(request, response, 503, "reports_unavailable", text.text("finance.unavailable.title"),
                text.text("finance.unavailable.message"));
    }
}
