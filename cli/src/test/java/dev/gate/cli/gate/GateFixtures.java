package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.cli.Main;
import dev.gate.image.testing.TestMaterial;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs gate commands in-process and finds the shared test material and loopback services. */
final class GateFixtures {

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    private GateFixtures() {
    }

    static Run gate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(args);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The repository root (tests run in cli/). */
    static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** An advisory database imported from the shared OSV records, or a visible skip without them. */
    static Path osvDatabase(Path dir) {
        Path osv = TestMaterial.shared("osv");
        Path db = dir.resolve("osv.db");
        Run imported = gate("db", "import", osv.toString(), "--db", db.toString());
        assertEquals(0, imported.code(), imported.toString());
        return db;
    }

    /** A key pair made by {@code gate key generate}; the password is "pw" (tests set it in the environment). */
    static Path keyPair(Path dir) {
        Run generated = gate("key", "generate", "--output-key-prefix", dir.resolve("gate").toString());
        assertEquals(0, generated.code(), generated.toString());
        return dir.resolve("gate.key");
    }
}
