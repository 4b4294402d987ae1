package dev.gate.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gate.errors.GateException;
import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor: what a manifest or index says about a blob it points at. Used on the
 * wire as it is, since its fields are exactly the spec's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Descriptor(
        String mediaType,
        Digest digest,
        long size,
        List<String> urls,
        Map<String, String> annotations,
        Platform platform,
        String artifactType) {

    public Descriptor {
        if (mediaType == null || mediaType.isEmpty()) {
            throw GateException.input("descriptor for " + digest + " has no mediaType");
        }
        if (digest == null) {
            throw GateException.input("descriptor of type " + mediaType + " has no digest");
        }
        if (size < 0) {
            throw GateException.input("descriptor " + digest + " has a negative size");
        }
        annotations = annotations == null ? null : Map.copyOf(annotations);
        urls = urls == null ? null : List.copyOf(urls);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, null, null, null);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, urls, newAnnotations, platform, artifactType);
    }
}
