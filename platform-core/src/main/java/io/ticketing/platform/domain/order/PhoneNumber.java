package io.ticketing.platform.domain.order;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import java.util.regex.Pattern;

/**
 * A mobile number as SMS providers take it: E.164, a plus, the country code and the number, 8 to 15 digits in all
 * ({@code +491701234567}). People type spaces, dashes, dots and brackets, and {@code 00} for the plus; those are
 * read and dropped. A number without its country code is refused: the shop cannot guess the country.
 */
public final class PhoneNumber {

    public static final int MAX_INPUT = 32;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-/]");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private PhoneNumber() {
    }

    /**
     * The number in E.164, or null for none given.
     *
     * @throws InvalidFieldException naming {@code field}, with what a person should type
     */
    public static String normalize(String field, String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        if (typed.length() > MAX_INPUT) {
            throw new InvalidFieldException(field, "A phone number has at most 15 digits; this is too long");
        }
        String compact = SEPARATORS.matcher(typed.strip()).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        if (!E164.matcher(compact).matches()) {
            throw new InvalidFieldException(field, compact.startsWith("+")
                    ? "This is not a phone number: give a plus, the country code and the number, 8 to 15 digits, such as +49 170 1234567"
                    : "Give the phone number with its country code, such as +49 170 1234567");
        }
        return compact;
    }
}
