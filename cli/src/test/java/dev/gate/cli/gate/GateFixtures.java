package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.gate;
import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.TestMaterial;
import java.nio.file.Path;

/** Test material of the gate tests: the repository root, an advisory database, a key pair. */
final class GateFixtures {

    private GateFixtures() {}

    /** The repository root (tests run in cli/). */
    static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** The waiver of rule "unscanned" that lets prod.rego pass a push made without an advisory database (--no-scan). */
    public static String unscannedWaiver() {
        return root().resolve("testdata/waivers/unscanned.yaml").toString();
    }

    /** An advisory database imported from the shared OSV records, or a visible skip without them. */
    static Path osvDatabase(Path dir) {
        Path osv = TestMaterial.shared("osv");
        Path db = dir.resolve("osv.db");
        Run imported = gate("db", "import", osv.toString(), "--db", db.toString());
        assertEquals(0, imported.code(), imported.toString());
        return db;
    }

    /** A key pair made by {@code gate key generate}; the password is "pw" (tests put it in their environment). */
    static Path keyPair(Path dir) {
        Run generated = gate(
                Environment.system().withVariables(onlyKeyPassword("pw")),
                "key",
                "generate",
                "--output-key-prefix",
                dir.resolve("gate").toString());
        assertEquals(0, generated.code(), generated.toString());
        return dir.resolve("gate.key");
    }
}
