package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pushes to and pulls from a real CNCF Distribution registry, with skopeo as the independent check. */
class DistributionRegistryTest {

    static final Path SAMPLE = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");

    @Test
    void pushedManifestIsWhatSkopeoReadsAndRerunUploadsNothing() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        Reference destination = Reference.parse(host + "/it/" + UUID.randomUUID() + ":1.0.0");
        Artifact sample = new LayoutSource(SAMPLE, "1.0.0").resolve();
        RegistryOptions options = RegistryOptions.defaults();

        PushReport first = new RegistrySink(destination, options).write(sample, PushListener.NONE);
        assertTrue(first.blobs().stream().allMatch(b -> b.outcome() == PushListener.Outcome.UPLOADED));
        String raw = LocalServices.run("skopeo", "inspect", "--tls-verify=false", "--raw", "docker://" + destination);
        assertArrayEquals(sample.raw(), raw.getBytes(StandardCharsets.UTF_8));

        PushReport second = new RegistrySink(destination, options).write(sample, PushListener.NONE);
        assertTrue(second.blobs().stream().allMatch(b -> b.outcome() == PushListener.Outcome.SKIPPED_EXISTING));
    }

    @Test
    void readsWhatSkopeoPushed() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        String name = host + "/it/skopeo-" + UUID.randomUUID() + ":v1";
        LocalServices.run("skopeo", "copy", "--dest-tls-verify=false", "oci:" + SAMPLE + ":1.0.0", "docker://" + name);
        Artifact pulled = RegistrySource.open(Reference.parse(name), RegistryOptions.defaults())
                .resolve();
        assertEquals(Digest.sha256(pulled.raw()), pulled.descriptor().digest());
        assertEquals(
                new LayoutSource(SAMPLE, "1.0.0").resolve().descriptor().digest(),
                pulled.descriptor().digest());
        var image = ((Artifact.Single) pulled).image();
        for (var layer : image.layers()) {
            try (var in = layer.open()) {
                assertEquals(layer.descriptor().size(), in.transferTo(java.io.OutputStream.nullOutputStream()));
            }
        }
    }

    @Test
    void chunkedUploadIsWhatSkopeoReads() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        Reference destination = Reference.parse(host + "/it/chunked-" + UUID.randomUUID() + ":1.0.0");
        byte[] layer = new byte[5 * 1024 * 1024 + 123];
        new java.util.Random(11).nextBytes(layer);
        Descriptor layerDescriptor = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(layer), layer.length);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                        + Digest.sha256(layer) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length);
        RegistryClient client = RegistryClient.open(
                destination, RegistryOptions.defaults().withUploads(UploadSizes.chunked(1024 * 1024)));
        java.util.List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        client.uploadBlob(
                layerDescriptor,
                () -> new VerifyingInputStream(new ByteArrayInputStream(layer), layerDescriptor, "test"),
                progress::add);
        client.uploadBlob(configDescriptor, () -> new ByteArrayInputStream(config));
        assertTrue(
                progress.contains(1024L * 1024) && progress.contains(2L * 1024 * 1024),
                "sent in 1 MiB chunks: " + progress);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                        + "\",\"config\":{\"mediaType\":\""
                        + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDescriptor.digest() + "\",\"size\":"
                        + config.length
                        + "},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER + "\",\"digest\":\""
                        + layerDescriptor.digest()
                        + "\",\"size\":" + layer.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        client.putManifest(
                "1.0.0", Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(manifest), manifest.length), manifest);

        Path pulled = Files.createTempDirectory("gate-chunked");
        // dir: keeps layers as they are (an oci: destination would compress this uncompressed layer)
        LocalServices.run("skopeo", "copy", "--src-tls-verify=false", "docker://" + destination, "dir:" + pulled);
        assertArrayEquals(
                layer,
                Files.readAllBytes(pulled.resolve(layerDescriptor.digest().hex())));
    }
    /**
     * Distribution rewrites a repository's link to a blob in place each time a client uploads that blob, and a manifest
     * written meanwhile is refused as naming an unknown blob (about one write in twenty here). Concurrent signers upload
     * the same blobs, so every write below must still succeed.
     */
    @Test
    void manifestWritesSucceedWhileAnotherClientUploadsTheSameBlob() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        Reference destination = Reference.parse(host + "/it/relink-" + UUID.randomUUID() + ":1.0.0");
        RegistryClient client = RegistryClient.open(destination, RegistryOptions.defaults());
        byte[] layer =
                "a layer another client uploads again and again".repeat(50).getBytes(StandardCharsets.UTF_8);
        Descriptor layerDescriptor = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(layer), layer.length);
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length);
        client.uploadBlob(layerDescriptor, () -> new ByteArrayInputStream(layer));
        client.uploadBlob(configDescriptor, () -> new ByteArrayInputStream(config));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                        + "\",\"config\":{\"mediaType\":\""
                        + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDescriptor.digest() + "\",\"size\":"
                        + config.length
                        + "},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER + "\",\"digest\":\""
                        + layerDescriptor.digest()
                        + "\",\"size\":" + layer.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        Descriptor manifestDescriptor =
                Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(manifest), manifest.length);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.List<Thread> uploaders = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RegistryClient other = RegistryClient.open(destination, RegistryOptions.defaults());
            Thread uploader = new Thread(() -> {
                while (writing.get()) {
                    other.uploadBlob(layerDescriptor, () -> new ByteArrayInputStream(layer));
                }
            });
            uploader.start();
            uploaders.add(uploader);
        }
        try {
            for (int i = 0; i < 150; i++) {
                client.putManifest("1.0.0", manifestDescriptor, manifest);
            }
        } finally {
            writing.set(false);
            for (Thread uploader : uploaders) {
                uploader.join();
            }
        }
    }
}
