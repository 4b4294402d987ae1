package dev.gate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    static final List<String> ALL = List.of(
            "push", "copy", "scan", "db", "sbom", "policy", "key", "sign", "attest", "verify", "audit", "login",
            "logout", "tags", "digest", "inspect");

    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        assertEquals(
                Set.of("push"),
                Main.commandLine("push", "--quiet", "oci:a", "oci:b")
                        .getSubcommands()
                        .keySet());
        assertEquals(
                Set.of("policy"),
                Main.commandLine("policy", "test", "policies/").getSubcommands().keySet());
        assertEquals(
                Set.of("eval", "test", "check", "fmt", "inspect", "push", "pull"),
                Main.commandLine("policy", "eval")
                        .getSubcommands()
                        .get("policy")
                        .getSubcommands()
                        .keySet());
    }

    @Test
    void helpAndMisspeltNamesSeeEveryCommand() {
        assertEquals(ALL, List.copyOf(Main.commandLine().getSubcommands().keySet()));
        assertEquals(
                ALL, List.copyOf(Main.commandLine("--help").getSubcommands().keySet()));
        assertEquals(
                ALL, List.copyOf(Main.commandLine("pussh", "x").getSubcommands().keySet()));

        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine("pussh", "x");
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("pussh", "x"));
        assertTrue(err.toString().contains("push"), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine("--help");
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        for (String name : ALL) {
            assertTrue(out.toString().contains("  " + name + " "), name + " missing from\n" + out);
        }
    }

    @Test
    void versionNeedsNoSubcommands() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine("--version");
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--version"));
        assertTrue(out.toString().startsWith("gate "), out.toString());
    }

    @Test
    void theVersionIsTheOneInTheLibrarysManifest() throws IOException {
        Class<?> library = dev.gate.pipeline.analysis.GateVersion.class;
        // The reactor packs gate-pipeline before these tests run, so its classes come from its jar, as in a release.
        assumeTrue(
                library.getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath()
                        .endsWith(".jar"),
                "gate-pipeline is not on the class path as a jar");
        Properties filtered = new Properties();
        try (InputStream in = library.getResourceAsStream("version.properties")) {
            filtered.load(in);
        }
        assertEquals(filtered.getProperty("version"), library.getPackage().getImplementationVersion());
        assertEquals(filtered.getProperty("version"), dev.gate.pipeline.analysis.GateVersion.current());

        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine("--version");
        cli.setOut(new PrintWriter(out));
        cli.execute("--version");
        assertEquals("gate " + filtered.getProperty("version"), out.toString().strip());
    }

    @Test
    void aPolicyErrorIsBadInputWithItsLocationAndCodeOnOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path broken = dir.resolve("broken.rego");
        java.nio.file.Files.writeString(broken, "package gate\n\ndeny contains msg if {\n  msg := \n}\n");
        java.nio.file.Path sample =
                java.nio.file.Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");
        InProcessGate.Run run = InProcessGate.gate(
                "push",
                "--dry-run",
                "--no-scan",
                "--no-sign",
                "--policy",
                broken.toString(),
                "oci:" + sample + ":1.0.0",
                "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(2, run.code(), run.err());
        String line = run.err().strip();
        assertTrue(line.startsWith("gate: rego_parse_error: " + broken + ":5:1: "), line);
        assertEquals(1, line.lines().filter(l -> l.startsWith("gate:")).count(), line);
        assertTrue(
                !java.nio.file.Files.exists(dir.resolve("out")), "nothing is written when the policies do not compile");
    }
}
