package dev.gate.cli.sign;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.image.Reference;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.registry.RegistrySink;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.image.transport.PushListener;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The loopback Distribution registry of the services file (GATE_REGISTRY_PLAIN) with a fresh
 * repository holding the bundled sample image, and gate's CLI run in-process with captured output.
 */
final class RegistryFixture {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    /** What gate runs with: the test's own variables and keyless service, never the JVM's globals. */
    Environment environment = Environment.system();

    /** Pushes the sample image to a new repository; skips visibly when no registry runs (fails under CI). */
    String pushSample(String prefix) throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        Path sample = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");
        Reference destination = Reference.parse(host + "/" + prefix + "/" + UUID.randomUUID() + ":1.0.0");
        new RegistrySink(destination, RegistryOptions.defaults())
                .write(new LayoutSource(sample, "1.0.0").resolve(), PushListener.NONE);
        return destination.toString();
    }

    /** Runs gate; output of earlier runs is cleared first. */
    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        InProcessGate.Run run = InProcessGate.gate(environment, args);
        out.write(run.out());
        err.write(run.err());
        return run.code();
    }

    String output() {
        return out + "\n" + err;
    }
}
