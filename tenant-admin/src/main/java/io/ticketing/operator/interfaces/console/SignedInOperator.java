package io.ticketing.operator.interfaces.console;

import java.io.Serializable;

/** The operator signed in to the console in this browser session. */
public record SignedInOperator(String email, String name, String idToken) implements Serializable {

    public static final String SESSION_ATTRIBUTE = "ticketing.signedInOperator";
}
