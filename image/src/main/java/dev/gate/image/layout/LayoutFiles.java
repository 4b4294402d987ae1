package dev.gate.image.layout;

import dev.gate.image.Digest;
import java.nio.file.Path;

/**
 * Paths inside an OCI layout for code outside this package that reads and writes a layout itself (the signature
 * store of a layout): each refused when a step below the root is a symbolic link, as the layout source and sink do.
 */
public final class LayoutFiles {

    private LayoutFiles() {}

    /** {@code blobs/<algorithm>/<hex>}, with no link on the way. */
    public static Path blob(Path root, Digest digest) {
        return new OciLayout(root).blobPath(digest);
    }

    /** A file at the layout's top ({@code index.json}, {@code oci-layout}), refused when it is a link. */
    public static Path top(Path root, String name) {
        return new OciLayout(root).unlinked(root.resolve(name));
    }
}
