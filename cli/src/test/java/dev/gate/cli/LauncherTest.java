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
 * The {@code ./gate} launcher, run by bash against a stand-in {@code java} that records its arguments: the
 * JVM flags it picks for each command, and the class-data archive it dumps once per build.
 */
class LauncherTest {

    private static final Path SCRIPT = Path.of(System.getProperty("gate.root", "..")).resolve("gate");

    @TempDir
    Path checkout;
    Path calls;

    @BeforeEach
    void standInCheckoutAndJava() throws IOException {
        Files.copy(SCRIPT, checkout.resolve("gate"));
        Path target = Files.createDirectories(checkout.resolve("cli/target"));
        Files.writeString(target.resolve("gate.jar"), "");
        Files.setLastModifiedTime(target.resolve("gate.jar"), FileTime.from(Instant.now().minusSeconds(60)));
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
    }

    private List<String> launch(String... args) throws Exception {
        Files.deleteIfExists(calls);
        List<String> command = new java.util.ArrayList<>(List.of("bash", checkout.resolve("gate").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", checkout.resolve("jdk/bin") + ":" + System.getenv("PATH"));
        builder.environment().put("GATE_NO_REBUILD", "1");
        builder.environment().remove("GATE_JAVA_OPTS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "launcher timed out");
        assertEquals(0, process.exitValue(), output);
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
        assertTrue(first.get(0).contains("-XX:DumpLoadedClassList=") && first.get(0).contains("dev.gate.cli.ClassDataTraining"), first.get(0));
        assertTrue(first.get(1).contains("-Xshare:dump"), first.get(1));
        Path archive = checkout.resolve("cli/target/gate.jsa");
        assertTrue(Files.isRegularFile(archive));
        assertTrue(run(first).contains("-XX:SharedArchiveFile=" + archive), run(first));

        List<String> second = launch("--version");
        assertEquals(1, second.size(), "no second dump while the jar is unchanged: " + second);

        Files.setLastModifiedTime(checkout.resolve("cli/target/gate.jar"), FileTime.from(Instant.now().plusSeconds(60)));
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
            assertTrue(call.endsWith("-jar " + checkout.resolve("cli/target/gate.jar") + " " + command
                    + " --jobs 2 oci:in:1 reg/app:1"), call);
        }
        for (String command : List.of("scan", "policy", "verify", "audit")) {
            String call = run(launch(command, "x"));
            assertTrue(call.contains("-XX:TieredStopAtLevel=1"), command + ": " + call);
        }
    }
}
