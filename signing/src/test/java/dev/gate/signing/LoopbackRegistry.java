package dev.gate.signing;

import dev.gate.image.Descriptor;
import dev.gate.image.Reference;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.registry.RegistrySink;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.image.transport.PushListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The plain loopback Distribution registry named by GATE_REGISTRY_PLAIN in the services file
 * ({@code .ci/services.sh start}), with the bundled sample image pushed to a fresh repository.
 * Without it tests skip visibly, and fail under CI.
 */
record LoopbackRegistry(Reference image, RegistryClient client, Descriptor descriptor) {

    static LoopbackRegistry withSample(String prefix) throws IOException {
        String host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        Path sample = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");
        Reference image = Reference.parse(host + "/" + prefix + "/" + UUID.randomUUID() + ":1.0.0");
        new RegistrySink(image, RegistryOptions.defaults())
                .write(new LayoutSource(sample, "1.0.0").resolve(), PushListener.NONE);
        RegistryClient client = RegistryClient.open(image, RegistryOptions.defaults());
        return new LoopbackRegistry(
                image,
                client,
                client.getManifest(image.identifier()).orElseThrow().descriptor());
    }
}
