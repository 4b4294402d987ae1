package dev.gate.signing.oci;

import dev.gate.image.Digest;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One layer of a cosign {@code .sig} or {@code .att} manifest: its bytes and its annotations. */
public record CosignLayer(String mediaType, byte[] content, Map<String, String> annotations) {

    public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String DSSE = "application/vnd.dsse.envelope.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    public CosignLayer {
        Objects.requireNonNull(mediaType, "mediaType");
        content = content.clone();
        // Sorted, as Go's encoding/json writes map keys, so manifests are byte-stable.
        annotations = Map.copyOf(new TreeMap<>(annotations));
    }

    public Digest digest() {
        return Digest.sha256(content);
    }

    /** Same media type, bytes and annotations: cosign skips such a layer instead of appending it again. */
    public boolean sameAs(CosignLayer other) {
        return mediaType.equals(other.mediaType)
                && Arrays.equals(content, other.content)
                && annotations.equals(other.annotations);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
