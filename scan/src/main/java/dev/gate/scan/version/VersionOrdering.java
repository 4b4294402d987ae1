package dev.gate.scan.version;

/**
 * The order of versions in one ecosystem. Implementations are stateless and thread-safe.
 * {@link #compare} throws {@link InvalidVersionException} for a string the ecosystem cannot order.
 */
public interface VersionOrdering {

    /** Negative, zero or positive as {@code a} sorts before, with or after {@code b}. */
    int compare(String a, String b);

    /** Whether {@code version} can be ordered at all; used to report a bad version once. */
    default boolean isValid(String version) {
        try {
            compare(version, version);
            return true;
        } catch (InvalidVersionException e) {
            return false;
        }
    }
}
