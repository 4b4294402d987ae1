package dev.gate.sbom;

/** A file a cataloger could not read; the SBOM says so instead of staying silent. */
public record Unknown(String path, String layer, String reason) {

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
