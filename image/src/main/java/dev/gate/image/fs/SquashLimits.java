package dev.gate.image.fs;

/**
 * Bounds that hold whatever the layers declare: decompressed bytes read in total (gzip bombs),
 * bytes kept per file and in total (memory), symlink hops (loops).
 */
public record SquashLimits(long maxUncompressedBytes, long maxFileBytes, long maxCapturedBytes, int maxSymlinkHops) {

    public static final SquashLimits DEFAULT = new SquashLimits(64L << 30, 256L << 20, 1L << 30, 40);

    public SquashLimits {
        if (maxUncompressedBytes <= 0 || maxFileBytes <= 0 || maxCapturedBytes <= 0 || maxSymlinkHops <= 0) {
            throw new IllegalArgumentException("squash limits must be positive");
        }
    }
}
