package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.image.transport.PushListener;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Referrers through the API (fake registry) and through the tag-schema fallback (fake and Distribution). */
class ReferrersTest {

    static final Path SAMPLE = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");
    static final String SBOM = "application/spdx+json";
    static final String SIGNATURE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Pushes the sample and a referrer of each type to {@code reference}; returns the referrer descriptors. */
    static List<Descriptor> pushWithReferrers(Reference reference, RegistryOptions options, List<Boolean> fellBack) {
        Artifact sample = new LayoutSource(SAMPLE, "1.0.0").resolve();
        new RegistrySink(reference, options).write(sample, PushListener.NONE);
        RegistryClient client = RegistryClient.open(reference, options);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        client.uploadBlob(
                Descriptor.of(MediaTypes.OCI_EMPTY, Digest.sha256(empty), 2), () -> new ByteArrayInputStream(empty));
        List<Descriptor> pushed = new ArrayList<>();
        for (String type : List.of(SBOM, SIGNATURE)) {
            byte[] layer = ("content of " + type).getBytes(StandardCharsets.UTF_8);
            client.uploadBlob(
                    Descriptor.of(type, Digest.sha256(layer), layer.length), () -> new ByteArrayInputStream(layer));
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                    + "\",\"artifactType\":\"" + type + "\","
                    + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + Digest.sha256(empty)
                    + "\",\"size\":2},"
                    + "\"layers\":[{\"mediaType\":\"" + type + "\",\"digest\":\"" + Digest.sha256(layer)
                    + "\",\"size\":" + layer.length + "}],"
                    + "\"subject\":{\"mediaType\":\"" + sample.descriptor().mediaType() + "\",\"digest\":\""
                    + sample.descriptor().digest()
                    + "\",\"size\":" + sample.descriptor().size() + "}}";
            byte[] raw = manifest.getBytes(StandardCharsets.UTF_8);
            Descriptor referrer = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(raw), raw.length);
            fellBack.add(Referrers.publish(
                    client, referrer, raw, type, sample.descriptor().digest()));
            pushed.add(referrer);
        }
        return pushed;
    }

    static List<String> listed(RegistryClient client, Digest subject, String type) throws Exception {
        JsonNode index = JSON.readTree(Referrers.index(client, subject, type).orElseThrow());
        List<String> digests = new ArrayList<>();
        index.path("manifests").forEach(m -> digests.add(m.path("digest").asText()));
        return digests;
    }

    @Test
    void registryWithTheApiIndexesReferrersItselfAndFiltersByType() throws Exception {
        try (FakeRegistry registry = new FakeRegistry()) {
            RegistryOptions options = new RegistryOptions(Set.of(), 2, CredentialStore.none());
            Reference reference = Reference.parse(registry.host() + "/team/app:1.0.0");
            List<Boolean> fellBack = new ArrayList<>();
            List<Descriptor> referrers = pushWithReferrers(reference, options, fellBack);
            assertEquals(List.of(false, false), fellBack, "OCI-Subject answered: no fallback tag needed");
            Digest subject =
                    new LayoutSource(SAMPLE, "1.0.0").resolve().descriptor().digest();
            assertFalse(registry.manifests.containsKey("/v2/team/app/manifests/" + Referrers.fallbackTag(subject)));

            RegistryClient client = RegistryClient.open(reference, options);
            assertEquals(List.of(referrers.get(0).digest().toString()), listed(client, subject, SBOM));
            assertEquals(
                    List.of(
                            referrers.get(0).digest().toString(),
                            referrers.get(1).digest().toString()),
                    listed(client, subject, null));
            assertTrue(
                    registry.requests.contains(
                            "GET /v2/team/app/referrers/" + subject + "?artifactType=application%2Fspdx%2Bjson"),
                    registry.requests.toString());
        }
    }

    @Test
    void registryWithoutTheApiGetsTheFallbackIndex() throws Exception {
        try (FakeRegistry registry = new FakeRegistry()) {
            registry.referrersApi = false;
            RegistryOptions options = new RegistryOptions(Set.of(), 2, CredentialStore.none());
            Reference reference = Reference.parse(registry.host() + "/team/app:1.0.0");
            List<Boolean> fellBack = new ArrayList<>();
            List<Descriptor> referrers = pushWithReferrers(reference, options, fellBack);
            assertEquals(List.of(true, true), fellBack);
            Digest subject =
                    new LayoutSource(SAMPLE, "1.0.0").resolve().descriptor().digest();
            String tag = "/v2/team/app/manifests/sha256-" + subject.hex();
            assertEquals(MediaTypes.OCI_INDEX, registry.manifestTypes.get(tag));
            RegistryClient client = RegistryClient.open(reference, options);
            assertEquals(List.of(referrers.get(1).digest().toString()), listed(client, subject, SIGNATURE));
        }
    }

    @Test
    void distributionUsesTheFallbackTagThatSkopeoReads() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        Reference reference = Reference.parse(host + "/it/referrers-" + UUID.randomUUID() + ":1.0.0");
        RegistryOptions options = RegistryOptions.defaults();
        List<Boolean> fellBack = new ArrayList<>();
        List<Descriptor> referrers = pushWithReferrers(reference, options, fellBack);
        assertEquals(List.of(true, true), fellBack, "Distribution 2.8 has no referrers API");
        Digest subject =
                new LayoutSource(SAMPLE, "1.0.0").resolve().descriptor().digest();

        RegistryClient client = RegistryClient.open(reference, options);
        assertEquals(
                List.of(
                        referrers.get(0).digest().toString(),
                        referrers.get(1).digest().toString()),
                listed(client, subject, null));
        assertEquals(List.of(referrers.get(0).digest().toString()), listed(client, subject, SBOM));
        String raw = LocalServices.run(
                "skopeo",
                "inspect",
                "--tls-verify=false",
                "--raw",
                "docker://" + reference.registry() + "/" + reference.repository() + ":"
                        + Referrers.fallbackTag(subject));
        assertArrayEquals(
                client.getManifest(Referrers.fallbackTag(subject)).orElseThrow().raw(),
                raw.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, JSON.readTree(raw).path("manifests").size());
    }
}
