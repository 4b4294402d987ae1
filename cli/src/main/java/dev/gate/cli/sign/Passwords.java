package dev.gate.cli.sign;

import dev.gate.cli.Environment;
import dev.gate.errors.GateException;
import java.io.Console;
import java.util.Arrays;

/** Where a key password comes from: COSIGN_PASSWORD, then GATE_PASSWORD, then a terminal prompt. */
public final class Passwords {

    private Passwords() {}

    static char[] read(Environment environment, String prompt, boolean confirm) {
        for (String name : new String[] {"COSIGN_PASSWORD", "GATE_PASSWORD"}) {
            String value = environment.variable(name);
            if (value != null) {
                return value.toCharArray();
            }
        }
        Console console = System.console();
        if (console == null) {
            throw GateException.input("no key password: set COSIGN_PASSWORD or GATE_PASSWORD, or run on a terminal");
        }
        char[] first = console.readPassword("%s", prompt);
        if (confirm && !Arrays.equals(first, console.readPassword("Confirm password: "))) {
            throw GateException.input("the two passwords differ");
        }
        return first;
    }
}
