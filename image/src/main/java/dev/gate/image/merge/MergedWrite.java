package dev.gate.image.merge;

/**
 * One contribution to a tag that several writers keep by read, merge, write (a cosign {@code .sig} or {@code .att}
 * manifest, a referrers fallback index): what one writer added, and how to add it again.
 */
public interface MergedWrite {

    /**
     * Reads the tag, merges this contribution in and writes the result, unless the tag holds it already; a merge whose
     * read is older than {@code convergence}'s cycle when it is ready is read again rather than written.
     * Returns whether anything was written.
     */
    boolean write(Convergence convergence);

    /** Whether the tag, read now, holds this contribution (or an equivalent one). */
    boolean stored();

    /** What was written where, for a message: "signature sha256:... in sha256-....sig". */
    String describe();
}
