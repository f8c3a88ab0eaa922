package io.ticketing.storefront.shop;

import io.ticketing.storefront.LanguageChoice;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;

/**
 * The header's language switcher: each shop language named in itself (English, Deutsch, 中文, from
 * the JDK's locale data, so no bundle has to spell another language's name), linking to this same
 * page with {@code ?lang=}, which {@link LanguageChoice} keeps in a cookie.
 */
@Named("languages")
@RequestScoped
public class LanguageLinks {

    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    /** One language of the switcher: its tag (for lang and hreflang), its own name, the link, and whether the page is in it. */
    public record Language(String tag, String name, String href, boolean current) {
    }

    public List<Language> getAll() {
        String current = fmt.getLocale().toLanguageTag();
        return LanguageChoice.LANGUAGES.stream().map(l -> new Language(l.toLanguageTag(), name(l),
                link(l.toLanguageTag()), l.toLanguageTag().equals(current))).toList();
    }

    private static String name(Locale language) {
        String name = language.getDisplayLanguage(language);
        return name.substring(0, 1).toUpperCase(language) + name.substring(1);
    }

    /**
     * The page's address as the browser asked for it (before the tenant filter or the event page
     * forwarded it inside), with {@code lang} set to {@code tag}.
     */
    private String link(String tag) {
        Object forwardedUri = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String uri = forwardedUri != null ? (String) forwardedUri : request.getRequestURI();
        String query = forwardedUri != null ? (String) request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING)
                : request.getQueryString();
        String rest = LanguageChoice.sameAddressWithout(uri, query);
        return rest + (rest.contains("?") ? "&" : "?") + LanguageChoice.PARAMETER + "=" + tag;
    }
}
