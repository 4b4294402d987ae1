package dev.gate.cli;

import dev.gate.cli.gate.GateConfig;
import dev.gate.image.registry.HttpSelectorThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A representative run of gate's commands in one JVM, for the launcher to dump a class-data archive from the
 * classes it loads ({@code -XX:DumpLoadedClassList}, then {@code -Xshare:dump}): later runs map those classes
 * instead of loading, verifying and linking them, which takes tens of milliseconds off every start.
 *
 * <p>Each step only has to load what its command loads. The push goes to a {@link TrainingRegistry} on
 * loopback, so that the HTTP exchanges of a push are part of the archive. Everything the run writes goes to
 * a temporary folder it removes.
 */
public final class ClassDataTraining {

    // A made-up advisory for the sample image's libssl3 (source package openssl), so that matching, CVSS
    // scoring and the reports all run.
    private static final String ADVISORY = """
            {"schema_version": "1.6.0", "id": "GATE-TRAINING-1", "modified": "2026-01-01T00:00:00Z",
             "summary": "training advisory",
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
             "affected": [{"package": {"ecosystem": "Debian:12", "name": "openssl"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.16-1~deb12u1"}]}]}]}
            """;

    private ClassDataTraining() {}

    /**
     * {@code args[0]}: the checkout root (for its sample image and policies). Exits 1 when a step failed: the
     * distribution's build runs this on its new runtime, where a failure means the runtime lacks something gate needs.
     */
    public static void main(String[] args) throws IOException {
        List<Integer> codes = run(Path.of(args[0]));
        // The end of a run, as Main.main ends every one: its classes would otherwise be read from the jars each time.
        HttpSelectorThreads.stop();
        if (codes.stream().anyMatch(code -> code != 0)) {
            System.exit(1);
        }
    }

    /** Policy data that lets the sample image through to the training registry, its training advisory excepted. */
    private static String allowing(Path work, TrainingRegistry registry) throws IOException {
        Path data = work.resolve("data.yaml");
        Files.writeString(
                data,
                "gate:\n  allowed_registries: [\"" + registry.host().split(":")[0] + "\"]\n"
                        + "  exceptions:\n    gate/class-data: [critical]\n");
        return data.toString();
    }

    /** Runs the steps and returns their exit codes, in order. */
    static List<Integer> run(Path root) throws IOException {
        String sample = "oci:" + root.resolve("testdata/sample") + ":1.0.0";
        Path work = Files.createTempDirectory("gate-training");
        try (TrainingRegistry registry = new TrainingRegistry()) {
            Path osv = Files.createDirectories(work.resolve("osv"));
            Files.writeString(osv.resolve("GATE-TRAINING-1.json"), ADVISORY);
            String bom = work.resolve("bom.json").toString();
            Path java = work.resolve("java.tar");
            TrainingImage.write(java);
            String db = work.resolve("osv.db").toString();
            // No configuration, whatever GATE_CONFIG says: the training push must stay a plain push to the training
            // registry, never a gate run with the user's policies and destinations.
            Environment system = Environment.system();
            Environment environment =
                    system.withVariables(name -> name.equals(GateConfig.VARIABLE) ? null : system.variable(name));
            return List.of(
                    Main.run(environment, "push", "-q", sample, registry.host() + "/gate/class-data:x"),
                    Main.run(environment, "sbom", sample, "-o", bom),
                    Main.run(
                            environment,
                            "sbom",
                            "docker-archive:" + java,
                            "-o",
                            work.resolve("java.json").toString()),
                    Main.run(environment, "db", "import", osv.toString(), "--db", db),
                    // The gate up to its decision (SBOM, scan, policies, reports), without publishing anything.
                    Main.run(
                            environment,
                            "push",
                            "--policy",
                            root.resolve("policies/prod.rego").toString(),
                            "--data",
                            allowing(work, registry),
                            "--db",
                            db,
                            "--no-sign",
                            "--dry-run",
                            sample,
                            registry.host() + "/gate/class-data:1.0.0"),
                    Main.run(environment, "scan", "--sbom", bom, "--db", db),
                    Main.run(environment, "scan", "--sbom", bom, "--db", db, "--format", "json"),
                    Main.run(
                            environment,
                            "policy",
                            "test",
                            root.resolve("policies").toString()));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
