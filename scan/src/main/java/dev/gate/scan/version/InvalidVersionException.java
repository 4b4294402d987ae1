package dev.gate.scan.version;

/** A version string that its ecosystem's ordering cannot parse. */
public final class InvalidVersionException extends RuntimeException {

    public InvalidVersionException(String ecosystem, String version) {
        super(ecosystem + " version '" + version + "' cannot be parsed");
    }
}
