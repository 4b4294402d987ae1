package dev.gate.image.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gate.image.Descriptor;
import java.util.List;
import java.util.Map;

/** The wire form of an OCI image manifest or Docker v2 schema 2 manifest. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OciManifest(
        int schemaVersion,
        String mediaType,
        String artifactType,
        Descriptor config,
        List<Descriptor> layers,
        Descriptor subject,
        Map<String, String> annotations) {

    public static OciManifest parse(byte[] raw, String origin) {
        OciManifest manifest = OciReader.manifest(raw, origin);
        if (manifest.schemaVersion != 2) {
            throw Json.invalid(origin, "schemaVersion must be 2, found " + manifest.schemaVersion);
        }
        if (manifest.config == null) {
            throw Json.invalid(origin, "manifest has no config");
        }
        if (manifest.layers == null) {
            throw Json.invalid(origin, "manifest has no layers array");
        }
        return manifest;
    }
}
