package dev.gate.image.registry;

/**
 * How blobs are cut into requests: blobs up to {@code monolithicLimit} bytes go in one PUT, larger
 * ones in PATCH chunks of {@code chunkSize}; after a 413 on a whole blob, chunks of at most
 * {@code chunkAfter413}.
 */
public record UploadSizes(long monolithicLimit, long chunkSize, long chunkAfter413) {

    /** One PUT up to 1 GiB (fastest where allowed); beyond it, 64 MiB chunks that can resume. */
    public static final UploadSizes DEFAULT = new UploadSizes(1L << 30, 64L << 20, 8L << 20);

    public UploadSizes {
        if (chunkSize < 1 || chunkAfter413 < 1 || monolithicLimit < 0) {
            throw new IllegalArgumentException("upload sizes must be positive");
        }
    }

    /** Every blob larger than {@code size} is sent in chunks of that size. */
    public static UploadSizes chunked(long size) {
        return new UploadSizes(size, size, Math.min(size, DEFAULT.chunkAfter413()));
    }
}
