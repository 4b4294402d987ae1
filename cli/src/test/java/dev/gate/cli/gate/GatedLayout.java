package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.gate;
import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Path;

/**
 * The sample gated by {@code gate push --policy prod.rego} into the OCI layout {@code out}, under the name {@code name},
 * signed and attested with a new key ({@code dir/gate.key}, password "pw", given in the environment).
 */
record GatedLayout(Path dir, Path out, String policy, String data) {

    static GatedLayout push(Path dir, String name) {
        Path key = GateFixtures.keyPair(dir);
        Path db = GateFixtures.osvDatabase(dir);
        String policy = GateFixtures.root().resolve("policies/prod.rego").toString();
        String data = GateFixtures.root().resolve("policies/data.example.yaml").toString();
        Path out = dir.resolve("out");
        Run pushed = gate(
                Environment.system().withVariables(onlyKeyPassword("pw")),
                "push",
                "--policy",
                policy,
                "--data",
                data,
                "--key",
                key.toString(),
                "--db",
                db.toString(),
                "--name",
                name,
                "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0",
                "oci:" + out + ":1.0.0");
        assertEquals(0, pushed.code(), pushed.toString());
        return new GatedLayout(dir, out, policy, data);
    }

    String pub() {
        return dir.resolve("gate.pub").toString();
    }
}
