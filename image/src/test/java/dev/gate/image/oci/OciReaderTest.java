package dev.gate.image.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gate.errors.GateException;
import dev.gate.image.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming reader against Jackson's data binding, which reads the same records from the same bytes. */
class OciReaderTest {

    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final String OTHER = "sha256:" + "b".repeat(64);

    static final String INDEX = """
            {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
             "artifactType": "application/example", "unknown": {"nested": [1, {"x": null}]},
             "manifests": [
               {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%1$s", "size": 1234,
                "platform": {"architecture": "arm64", "os": "linux", "variant": "v8", "os.version": "10.0",
                             "os.features": ["win32k"], "future": true},
                "annotations": {"org.opencontainers.image.ref.name": "1.0.0"}},
               {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%2$s", "size": 7,
                "urls": ["https://example.com/blob"], "artifactType": "application/sbom", "data": "e30="}
             ],
             "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%2$s", "size": 9},
             "annotations": {"a": "b", "c": ""}}
            """.formatted(DIGEST, OTHER);

    static final String MANIFEST = """
            {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
             "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "digest": "%1$s", "size": 10},
             "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "digest": "%2$s", "size": 20}],
             "subject": null, "annotations": null}
            """.formatted(DIGEST, OTHER);

    @Test
    void readsAnIndexAsDataBindingDoes() throws Exception {
        OciIndex index = OciIndex.parse(bytes(INDEX), "index.json");
        assertEquals(Json.MAPPER.readValue(INDEX, OciIndex.class), index);
        assertEquals(
                new Platform("arm64", "linux", "10.0", List.of("win32k"), "v8"),
                index.manifests().get(0).platform());
        assertEquals(Map.of("a", "b", "c", ""), index.annotations());
        assertEquals(
                List.of("https://example.com/blob"), index.manifests().get(1).urls());
    }

    @Test
    void readsAManifestAsDataBindingDoes() throws Exception {
        OciManifest manifest = OciManifest.parse(bytes(MANIFEST), "manifest");
        assertEquals(Json.MAPPER.readValue(MANIFEST, OciManifest.class), manifest);
        assertEquals(20, manifest.layers().get(0).size());
        assertNull(manifest.subject());
    }

    @Test
    void badDocumentsNameTheDocumentAndTheField() {
        assertError("index.json: expected a JSON object", "[]");
        assertError("index.json: schemaVersion must be 2, found 1", "{\"schemaVersion\": 1}");
        assertError("index.json: schemaVersion must be an integer", "{\"schemaVersion\": \"2\"}");
        assertError("index.json: manifests must be an array", "{\"schemaVersion\": 2, \"manifests\": {}}");
        assertError("index.json: manifests[0] is null", "{\"schemaVersion\": 2, \"manifests\": [null]}");
        assertError(
                "index.json: size must be an integer",
                "{\"schemaVersion\": 2, \"manifests\": [{\"mediaType\": \"x\", \"digest\": \"" + DIGEST
                        + "\", \"size\": \"1\"}]}");
        assertError(
                "index.json: invalid sha256 digest 'zz'",
                "{\"schemaVersion\": 2, \"manifests\": [{\"mediaType\": \"x\", \"digest\": \"sha256:zz\", \"size\": 1}]}");
        assertError(
                "index.json: descriptor for " + DIGEST + " has no mediaType",
                "{\"schemaVersion\": 2, \"manifests\": [{\"digest\": \"" + DIGEST + "\", \"size\": 1}]}");
        assertError(
                "index.json: annotations.a must be a string", "{\"schemaVersion\": 2, \"annotations\": {\"a\": 1}}");
        assertError("index.json: Unexpected end-of-input", "{\"schemaVersion\": 2, \"manifests\": [");
    }

    private static void assertError(String expectedStart, String document) {
        GateException error = assertThrows(GateException.class, () -> OciIndex.parse(bytes(document), "index.json"));
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertEquals(
                expectedStart,
                error.getMessage()
                        .substring(
                                0,
                                Math.min(
                                        expectedStart.length(),
                                        error.getMessage().length())),
                error.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
