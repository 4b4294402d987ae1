package dev.gate.image.testing;

import dev.gate.errors.GateException;
import java.util.List;

/**
 * What a fuzz target asserts of a parser, and only that: it returns a value, or it refuses the input with the
 * project's own typed error. Anything else (a NullPointerException, a ClassCastException, an index out of
 * bounds, a StackOverflowError) escapes and is what the fuzzer reports.
 */
public final class FuzzChecks {

    /** A parse step that may throw anything; only the typed errors named to {@link #parses} are expected. */
    @FunctionalInterface
    public interface Parse {
        void run() throws Exception;
    }

    private FuzzChecks() {}

    /** Runs {@code parse}, accepting a return or a {@link GateException}. */
    public static void parses(Parse parse) throws Exception {
        parses(parse, List.of());
    }

    /** Runs {@code parse}, accepting a return, a {@link GateException} or one of the module's own parse errors. */
    public static void parses(Parse parse, List<Class<? extends Exception>> moduleErrors) throws Exception {
        try {
            parse.run();
        } catch (GateException refused) {
            // The parser named what was wrong with the input: the outcome the target exists to allow.
        } catch (Exception e) {
            if (moduleErrors.stream().noneMatch(type -> type.isInstance(e))) {
                throw e;
            }
        }
    }
}
