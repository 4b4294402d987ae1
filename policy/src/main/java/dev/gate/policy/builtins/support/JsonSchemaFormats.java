package dev.gate.policy.builtins.support;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The "format" keyword for the formats gojsonschema checks; unknown formats always pass, as the specification asks. */
final class JsonSchemaFormats {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern HOSTNAME = Pattern.compile(
            "^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$");
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$");

    private JsonSchemaFormats() {}

    static boolean matches(String format, String s) {
        return switch (format) {
            case "email" -> EMAIL.matcher(s).matches();
            case "hostname" -> HOSTNAME.matcher(s).matches();
            case "uuid" -> UUID.matcher(s).matches();
            case "ipv4" -> IPV4.matcher(s).matches();
            case "ipv6" -> s.indexOf(':') >= 0 && Cidr.isValid(s + "/128");
            case "uri" -> URI.matcher(s).matches();
            case "date" -> parses(() -> LocalDate.parse(s));
            case "date-time" -> parses(() -> OffsetDateTime.parse(s));
            case "regex" -> Re2.isValid(s);
            default -> true;
        };
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
