package dev.gate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./gate} launcher, run by bash against a stand-in {@code java} and {@code mvn} that record their arguments:
 * the JVM flags it picks for each command, the class-data archive it dumps once per build, what makes it build, and
 * two first runs at once building once. The real build and dump take a minute or more on a loaded machine; what is
 * tested here is the launcher's own logic, which the stand-ins make take seconds.
 */
class LauncherTest {

    private static final Path SCRIPT =
            Path.of(System.getProperty("gate.root", "..")).resolve("gate");

    /** The distribution's launcher runs gate with the checkout's JVM flags: the two scripts name the same ones. */
    @Test
    void theDistributionsLauncherChoosesTheSameJvmFlags() throws IOException {
        Path distribution = SCRIPT.resolveSibling("distribution/src/main/dist/bin/gate");
        assertEquals(flagChoices(SCRIPT), flagChoices(distribution));
    }

    /** The lines that set {@code flags}, and the case labels that choose between them. */
    private static List<String> flagChoices(Path script) throws IOException {
        return Files.readAllLines(script).stream()
                .map(String::strip)
                .filter(l -> l.contains("flags") && !l.startsWith("#") && !l.startsWith("exec")
                        || l.startsWith("-XX:Tier")
                        || l.matches("^[a-z |]+\\).*"))
                .filter(l -> !l.contains("SharedArchiveFile"))
                .toList();
    }

    @TempDir
    Path checkout;

    Path calls;
    Path builds;

    @BeforeEach
    void standInCheckoutAndJava() throws IOException {
        Files.copy(SCRIPT, checkout.resolve("gate"));
        Path target = Files.createDirectories(checkout.resolve("cli/target"));
        Files.writeString(target.resolve("gate.jar"), "");
        Files.setLastModifiedTime(
                target.resolve("gate.jar"), FileTime.from(Instant.now().minusSeconds(60)));
        calls = checkout.resolve("java-calls");
        Path bin = Files.createDirectories(checkout.resolve("jdk/bin"));
        // Records each call on one line; when asked to dump an archive, writes it where it was told to.
        Files.writeString(bin.resolve("java"), """
                #!/usr/bin/env bash
                echo "$*" >> "%s"
                for arg in "$@"; do
                  case "$arg" in -XX:SharedArchiveFile=*) [[ " $* " == *" -Xshare:dump "* ]] && echo archive > "${arg#*=}" ;; esac
                done
                exit 0
                """.formatted(calls));
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        builds = checkout.resolve("mvn-calls");
        // A build that takes a moment (long enough for a second launcher to arrive while it runs) and leaves a jar.
        Files.writeString(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                echo "$*" >> "%s"
                sleep 2
                echo jar > cli/target/gate.jar
                """.formatted(builds));
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ProcessBuilder launcher(boolean rebuildCheck, String... args) {
        List<String> command = new java.util.ArrayList<>(
                List.of("bash", checkout.resolve("gate").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", checkout.resolve("jdk/bin") + ":" + System.getenv("PATH"));
        if (rebuildCheck) {
            builder.environment().remove("GATE_NO_REBUILD");
        } else {
            builder.environment().put("GATE_NO_REBUILD", "1");
        }
        builder.environment().remove("GATE_JAVA_OPTS");
        return builder;
    }

    private static String finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "launcher timed out");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private long buildCount() throws IOException {
        return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
    }

    private List<String> launch(String... args) throws Exception {
        return launch(false, args);
    }

    private List<String> launch(boolean rebuildCheck, String... args) throws Exception {
        Files.deleteIfExists(calls);
        finish(launcher(rebuildCheck, args).start());
        return Files.readAllLines(calls);
    }

    /** The last call: the command itself. */
    private static String run(List<String> calls) {
        return calls.get(calls.size() - 1);
    }

    @Test
    void dumpsTheArchiveOnceThenRunsWithIt() throws Exception {
        List<String> first = launch("--version");
        assertEquals(3, first.size(), "class list, dump, run: " + first);
        assertTrue(
                first.get(0).contains("-XX:DumpLoadedClassList=")
                        && first.get(0).contains("dev.gate.cli.ClassDataTraining"),
                first.get(0));
        assertTrue(first.get(1).contains("-Xshare:dump"), first.get(1));
        Path archive = checkout.resolve("cli/target/gate.jsa");
        assertTrue(Files.isRegularFile(archive));
        assertTrue(run(first).contains("-XX:SharedArchiveFile=" + archive), run(first));

        List<String> second = launch("--version");
        assertEquals(1, second.size(), "no second dump while the jar is unchanged: " + second);

        Files.setLastModifiedTime(
                checkout.resolve("cli/target/gate.jar"),
                FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(3, launch("--version").size(), "a newer jar gets a new archive");
    }

    @Test
    void streamingCommandsKeepC2AndTheOthersRunC1Only() throws Exception {
        launch("--version");
        for (String command : List.of("push", "copy", "sbom")) {
            // gate's own options (--help, --version) take no value, so the first other word is the command.
            String call = run(launch(command, "--jobs", "2", "oci:in:1", "reg/app:1"));
            assertTrue(call.contains("-XX:Tier4InvocationThreshold=300000"), command + ": " + call);
            assertFalse(call.contains("TieredStopAtLevel"), command + ": " + call);
            assertTrue(
                    call.endsWith("-jar " + checkout.resolve("cli/target/gate.jar") + " " + command
                            + " --jobs 2 oci:in:1 reg/app:1"),
                    call);
        }
        for (String command : List.of("scan", "policy", "verify", "audit")) {
            String call = run(launch(command, "x"));
            assertTrue(call.contains("-XX:TieredStopAtLevel=1"), command + ": " + call);
        }
    }

    @Test
    void aChangedPomRebuildsAndBuildOutputDoesNot() throws Exception {
        Path module = Files.createDirectories(checkout.resolve("scan"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Path jar = checkout.resolve("cli/target/gate.jar");
        Files.setLastModifiedTime(
                checkout.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(120)));
        Files.setLastModifiedTime(
                module.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(120)));
        launch(true, "--version");
        assertEquals(0, buildCount(), "poms older than the jar: no build");

        // Maven copies a module's pom into its build output; that copy is no change to the sources.
        Path copied = Files.createDirectories(checkout.resolve("scan/target/classes/META-INF/maven"));
        Files.writeString(copied.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        launch(true, "--version");
        assertEquals(0, buildCount(), "a pom under target/ rebuilt");

        Files.setLastModifiedTime(module.resolve("pom.xml"), FileTime.from(Instant.now()));
        launch(true, "--version");
        assertEquals(1, buildCount(), "a module's changed pom rebuilds");
        launch(true, "--version");
        assertEquals(1, buildCount(), "built once, the jar is newer than the pom");
    }

    @Test
    void twoFirstRunsAtOnceBuildOnceAndBothRun() throws Exception {
        Files.delete(checkout.resolve("cli/target/gate.jar"));
        Process first = launcher(true, "--version").start();
        Process second = launcher(true, "--version").start();
        String firstOutput = finish(first);
        String secondOutput = finish(second);
        assertEquals(1, buildCount(), "one build for two runs: " + firstOutput + secondOutput);
        List<String> javaCalls = Files.readAllLines(calls);
        assertEquals(
                1,
                javaCalls.stream().filter(c -> c.contains("-Xshare:dump")).count(),
                "one archive dump: " + javaCalls);
        Path archive = checkout.resolve("cli/target/gate.jsa");
        assertEquals(
                2,
                javaCalls.stream()
                        .filter(c -> c.contains("-XX:SharedArchiveFile=" + archive) && c.endsWith("--version"))
                        .count(),
                "both runs ran gate with the archive: " + javaCalls);
        assertTrue(
                (firstOutput + secondOutput).contains("gate: waiting for another run's build..."),
                firstOutput + secondOutput);
    }
}
