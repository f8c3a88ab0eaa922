package io.ticketing.platform.interfaces.web;

import static io.ticketing.platform.json.JsonFields.JSON;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Error answers a person can read: a small HTML page for browsers, a JSON body for API clients
 * ({@code {"error": "...", "message": "..."}}). Never a stack trace.
 */
public final class ProblemPages {

    private ProblemPages() {
    }

    public static void send(HttpServletRequest request, HttpServletResponse response, int status,
                            String code, String title, String message) throws IOException {
        send(request, response, status, code, title, message, java.util.Locale.ENGLISH);
    }

    /** The same, with the title and message in {@code language} (the page says so, for screen readers). */
    public static void send(HttpServletRequest request, HttpServletResponse response, int status,
                            String code, String title, String message, java.util.Locale language) throws IOException {
        response.reset();
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (wantsJson(request)) {
            response.setContentType("application/json");
            response.getWriter().print(json(status, code, null, message));
            return;
        }
        response.setContentType("text/html");
        PrintWriter out = response.getWriter();
        out.print("""
                <!DOCTYPE html>
                <html lang="%3$s"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}
                h1{font-size:1.6rem}p{line-height:1.5;color:#444}</style></head>
                <body><main><h1>%1$s</h1><p>%2$s</p></main></body></html>
                """.formatted(escape(title), escape(message), escape(language.toLanguageTag())));
        out.flush();
    }

    /** The platform's one error body: {"status":422,"error":"invalid_field","field":"slug","message":"..."}. */
    public static String json(int status, String error, String field, String message) {
        var body = JSON.createObjectBuilder().add("status", status).add("error", error);
        if (field != null) {
            body.add("field", field);
        }
        return body.add("message", message == null ? error : message).build().toString();
    }

    static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return request.getRequestURI().contains("/api/");
        }
        return accept.contains("application/json") && !accept.contains("text/html");
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
