package dev.gate.signing;

import dev.gate.errors.GateException;
import dev.sigstore.strings.RegexSyntaxException;
import dev.sigstore.strings.StringMatcher;
import java.util.Objects;

/**
 * What a keyless certificate must state (its identity, its OIDC issuer): an exact value, or, as cosign's
 * {@code --certificate-identity-regexp}, a regular expression the whole value must match.
 */
public record Expected(String value, boolean regexp) {

    public Expected {
        Objects.requireNonNull(value, "value");
        if (regexp) {
            matcher(value, "");
        }
    }

    public static Expected exactly(String value) {
        return new Expected(value, false);
    }

    /** {@code flag} names the option in the error when {@code pattern} is not a regular expression (exit 2). */
    public static Expected matching(String pattern, String flag) {
        matcher(pattern, flag);
        return new Expected(pattern, true);
    }

    StringMatcher matcher() {
        return regexp ? matcher(value, "") : StringMatcher.string(value);
    }

    private static StringMatcher matcher(String pattern, String flag) {
        try {
            return StringMatcher.regex(pattern);
        } catch (RegexSyntaxException e) {
            throw GateException.input(
                    (flag.isEmpty() ? "" : flag + ": ") + "not a regular expression: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return regexp ? "matching " + value : value;
    }
}
