package io.ticketing.platform.domain.tenant;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import java.util.List;

/**
 * A branding change that is refused: {@link #field()} names the field ({@code logo}, {@code primaryColor},
 * {@code customCss}, {@code host}, {@code displayName}), {@link #reason()} why ({@code logo.svg}, {@code logo.size} ...),
 * so that a page can say it in the reader's language with {@link #arguments()}; the message says it in English.
 */
public class BrandingRefusedException extends InvalidFieldException {

    private final String reason;
    private final List<Object> arguments;

    public BrandingRefusedException(String field, String reason, String message, Object... arguments) {
        super(field, message);
        this.reason = reason;
        this.arguments = List.of(arguments);
    }

    public String reason() {
        return reason;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
