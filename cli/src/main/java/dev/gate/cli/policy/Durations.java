package dev.gate.cli.policy;

import dev.gate.image.GateException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as on other CLI tools: {@code 500ms}, {@code 5s}, {@code 2m}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private Durations() {}

    public static Duration parse(String text, String option) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) throw GateException.input(option + " " + text + ": expected a duration such as 500ms, 5s or 2m");
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero()) throw GateException.input(option + " " + text + ": must be more than zero");
        return d;
    }
}
