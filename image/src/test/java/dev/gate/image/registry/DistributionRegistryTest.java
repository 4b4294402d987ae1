package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pushes to and pulls from a real CNCF Distribution registry, with skopeo as the independent check. */
class DistributionRegistryTest {

    static final Path SAMPLE = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");

    @Test
    void pushedManifestIsWhatSkopeoReadsAndRerunUploadsNothing() throws Exception {
        String host = LocalServices.require("GATE_REGISTRY_PLAIN");
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
        String host = LocalServices.require("GATE_REGISTRY_PLAIN");
        String name = host + "/it/skopeo-" + UUID.randomUUID() + ":v1";
        LocalServices.run("skopeo", "copy", "--dest-tls-verify=false", "oci:" + SAMPLE + ":1.0.0", "docker://" + name);
        Artifact pulled = RegistrySource.open(Reference.parse(name), RegistryOptions.defaults()).resolve();
        assertEquals(Digest.sha256(pulled.raw()), pulled.descriptor().digest());
        assertEquals(new LayoutSource(SAMPLE, "1.0.0").resolve().descriptor().digest(), pulled.descriptor().digest());
        var image = ((Artifact.Single) pulled).image();
        for (var layer : image.layers()) {
            try (var in = layer.open()) {
                assertEquals(layer.descriptor().size(), in.transferTo(java.io.OutputStream.nullOutputStream()));
            }
        }
    }
}
