package dev.gate.cli.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.GateProcess;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.LoopbackServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code {git.*}} placeholders filled by git in the working directory of a gate run without CI variables. */
class CommitTagsGitTest {

    static final String SAMPLE = "oci:"
            + Path.of(System.getProperty("gate.root", "..")).toAbsolutePath().resolve("testdata/sample") + ":1.0.0";

    @TempDir
    Path home;

    Path checkout;
    String host;

    @BeforeEach
    void checkoutWithOneCommit() throws Exception {
        host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        checkout = Files.createDirectories(home.resolve("checkout"));
        git("init", "-q");
        commit("first");
    }

    private String git(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "git " + String.join(" ", args) + ": " + out);
        return out.strip();
    }

    private void commit(String message) throws Exception {
        git("commit", "-q", "--allow-empty", "-m", message);
    }

    private Run gateIn(Path directory, String... args) throws Exception {
        return GateProcess.run(Map.of("HOME", home.toString()), directory, "", args);
    }

    @Test
    void theCheckedOutCommitAndItsTagNameTheTags() throws Exception {
        git("tag", "v0.9.0");
        String sha = git("rev-parse", "HEAD");
        String repository = host + "/chores-git-" + UUID.randomUUID();
        Run push = gateIn(
                checkout,
                "push",
                "-q",
                SAMPLE,
                repository + ":{git.sha}",
                "--also-tag",
                "{git.tag}",
                "--also-tag",
                "{git.short}");
        assertEquals(0, push.code(), push.toString());
        List<String> tags = Arrays.stream(Crane.run("ls", repository).split("\n"))
                .filter(t -> !t.isBlank())
                .sorted()
                .toList();
        assertEquals(
                List.of(sha.substring(0, 7), sha, "v0.9.0").stream().sorted().toList(), tags);
    }

    @Test
    void aCommitWithoutTagIsAOneLineErrorNamingThePlaceholder() throws Exception {
        git("tag", "v0.9.0");
        commit("second");
        Run push = gateIn(checkout, "push", "-q", SAMPLE, host + "/chores-git-" + UUID.randomUUID() + ":{git.tag}");
        assertEquals(2, push.code(), push.toString());
        assertTrue(push.err().startsWith("gate: {git.tag}: the commit has no tag"), push.err());
        assertEquals(1, push.err().lines().count(), push.err());
    }

    @Test
    void aGitTagThatIsNoImageTagIsRefused() throws Exception {
        git("tag", "v1.0.0+build.5");
        Run push = gateIn(checkout, "push", "-q", SAMPLE, host + "/chores-git-" + UUID.randomUUID() + ":{git.tag}");
        assertEquals(2, push.code(), push.toString());
        assertTrue(push.err().contains("'v1.0.0+build.5', which is not an image tag"), push.err());
    }

    @Test
    void gitIsAskedAFixedQuestionAndNotWaitedForLongerThanItsBound() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path asked = home.resolve("asked");
        Path git = bin.resolve("git");
        Files.writeString(git, "#!/bin/sh\necho \"$@\" >> '" + asked + "'\nexec sleep 60\n");
        Files.setPosixFilePermissions(git, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        long start = System.nanoTime();
        Run push = GateProcess.run(
                Map.of("HOME", home.toString(), "PATH", bin + ":" + System.getenv("PATH")),
                checkout,
                "",
                "push",
                "-q",
                SAMPLE,
                host + "/chores-git-" + UUID.randomUUID() + ":{git.sha}");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(2, push.code(), push.toString());
        assertEquals(
                "gate: {git.sha}: git rev-parse did not answer within 10s",
                push.err().strip());
        assertTrue(seconds < 40, "gate waited " + seconds + " s for git");
        assertEquals(
                "-c core.fsmonitor=false --no-pager rev-parse --verify --quiet HEAD^{commit}",
                Files.readString(asked).strip());
    }

    @Test
    void outsideACheckoutAndWithoutCiVariablesThereIsNoCommit() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("not-a-checkout"));
        Run push = gateIn(elsewhere, "push", "-q", SAMPLE, host + "/chores-git-" + UUID.randomUUID() + ":{git.short}");
        assertEquals(2, push.code(), push.toString());
        assertTrue(push.err().startsWith("gate: {git.short}: no commit"), push.err());
    }
}
