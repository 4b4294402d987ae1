package dev.gate.scan.db;

/**
 * Counts of one import run: records stored (new or newer), unchanged (same or older {@code modified}
 * than the stored copy), withdrawn (skipped; an older stored copy is removed) and malformed (skipped).
 */
public record ImportReport(long stored, long unchanged, long withdrawn, long malformed, long millis) {

    public long read() {
        return stored + unchanged + withdrawn + malformed;
    }
}
