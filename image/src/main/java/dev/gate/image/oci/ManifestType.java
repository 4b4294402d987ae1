package dev.gate.image.oci;

import dev.gate.image.MediaTypes;
import dev.gate.image.SafeText;

/**
 * Decides what a manifest or index is from the document itself as well as from what carried it (a registry's
 * Content-Type, a descriptor's mediaType). Trusting the carrier alone would let one set of bytes be read as an
 * image by gate and as an index by the client that pulls it later, so every disagreement is an error.
 */
public final class ManifestType {

    private ManifestType() {}

    /**
     * The media type of {@code raw}. {@code claimed} is what {@code claimedBy} (such as "the Content-Type")
     * said, or null when it said nothing; {@code origin} names the document in errors.
     */
    public static String of(byte[] raw, String claimed, String claimedBy, String origin) {
        OciReader.Shape shape = OciReader.shape(raw, origin);
        if (claimed != null && claimed.isBlank()) {
            claimed = null;
        }
        String own = shape.mediaType();
        if (own != null && claimed != null && !own.equals(claimed)) {
            throw Json.invalid(
                    origin,
                    "its mediaType " + SafeText.quoted(own) + " disagrees with " + claimedBy + " "
                            + SafeText.quoted(claimed));
        }
        String type = own != null
                ? own
                : claimed != null ? claimed : shape.listsManifests() ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        if (MediaTypes.isIndex(type) && shape.listsImageParts()) {
            throw Json.invalid(origin, "an index (" + type + ") must not have config or layers");
        }
        if (MediaTypes.isManifest(type) && shape.listsManifests()) {
            throw Json.invalid(origin, "a manifest (" + type + ") must not list manifests");
        }
        return type;
    }
}
