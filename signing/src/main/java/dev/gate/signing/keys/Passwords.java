package dev.gate.signing.keys;

import dev.gate.image.GateException;
import java.io.Console;

/** Where a key password comes from: COSIGN_PASSWORD or GATE_PASSWORD, else a prompt on a terminal. */
public final class Passwords {

    private Passwords() {
    }

    public static char[] fromEnvironmentOrPrompt(String purpose) {
        for (String variable : new String[] {"GATE_PASSWORD", "COSIGN_PASSWORD"}) {
            String value = System.getenv(variable);
            if (value != null) {
                return value.toCharArray();
            }
        }
        Console console = System.console();
        if (console == null) {
            throw GateException.input("no password for " + purpose + ": set COSIGN_PASSWORD or GATE_PASSWORD, or run on a terminal");
        }
        char[] password = console.readPassword("Enter password for %s: ", purpose);
        if (password == null) {
            throw GateException.input("no password entered for " + purpose);
        }
        return password;
    }
}
