package dev.gate.image.fs;

/** Something in a layer that was not applied or not read, and why; reported, never silent. */
public record Skipped(String layer, String path, String reason) {

    @Override
    public String toString() {
        return path + " (" + layer + "): " + reason;
    }
}
