package dev.gate.cli.policy;

import dev.gate.errors.GateException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as on other CLI tools: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 12h}, {@code 5d}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String text, String option) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches())
            throw GateException.input(option + " " + text + ": expected a duration such as 500ms, 5s, 2m, 12h or 5d");
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) throw GateException.input(option + " " + text + ": must be more than zero");
        return d;
    }
}
