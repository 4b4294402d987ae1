package dev.gate.image.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gate.image.Descriptor;
import java.util.List;
import java.util.Map;

/** The wire form of an OCI image index or Docker manifest list, and of an OCI layout's index.json. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OciIndex(
        int schemaVersion,
        String mediaType,
        String artifactType,
        List<Descriptor> manifests,
        Descriptor subject,
        Map<String, String> annotations) {

    public OciIndex {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    public static OciIndex parse(byte[] raw, String origin) {
        OciIndex index = OciReader.index(raw, origin);
        if (index.schemaVersion != 2) {
            throw Json.invalid(origin, "schemaVersion must be 2, found " + index.schemaVersion);
        }
        return index;
    }
}
