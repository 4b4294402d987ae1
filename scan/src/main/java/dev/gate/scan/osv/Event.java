package dev.gate.scan.osv;

/** One range event: exactly one of introduced, fixed, last_affected or limit. */
public record Event(Kind kind, String version) {

    public enum Kind {
        INTRODUCED,
        FIXED,
        LAST_AFFECTED,
        LIMIT
    }

    public Event {
        if (kind == null || version == null || version.isBlank()) {
            throw new IllegalArgumentException("event needs a kind and a version");
        }
    }

    /** {@code introduced: "0"} means "from the very first version" in every ecosystem. */
    public boolean isIntroducedAtZero() {
        return kind == Kind.INTRODUCED && version.equals("0");
    }
}
