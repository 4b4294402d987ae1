package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.Environment;
import dev.gate.cli.HostileText;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.push.Crane;
import dev.gate.image.testing.LoopbackServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags from the commit ({@code {git.sha}}, {@code {git.short}}, {@code {git.tag}} from the CI variables) and
 * {@code --also-tag}, on the real plain registry: the further tags come last, after the signature, and a hostile
 * variable never becomes a tag.
 */
class AlsoTagRegistryTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    String host;
    String sample;
    String key;

    @BeforeEach
    void setUp() {
        host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        sample = "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
        ciEnvironment(Map.of());
        GateFixtures.keyPair(dir);
        key = dir.resolve("gate.key").toString();
    }

    private void ciEnvironment(Map<String, String> variables) {
        environment = environment.withVariables(name -> name.equals("COSIGN_PASSWORD") ? "pw" : variables.get(name));
    }

    /** The repository's tags but cosign's (sha256-HEX.sig, .att, the referrers fallback), as crane lists them. */
    private static List<String> imageTags(String repository) throws Exception {
        Crane.Result listed = Crane.attempt("ls", repository);
        if (listed.code() != 0) {
            return List.of();
        }
        return Arrays.stream(listed.output().split("\n"))
                .filter(t -> !t.isBlank() && !t.startsWith("sha256-"))
                .sorted()
                .toList();
    }

    @Test
    void githubTagBuildPushesTheShortShaTagAndTheReleaseTagAfterTheSignature() throws Exception {
        ciEnvironment(Map.of(
                "GITHUB_ACTIONS", "true", "GITHUB_SHA", SHA, "GITHUB_REF_TYPE", "tag", "GITHUB_REF_NAME", "v1.2.3"));
        String repository = host + "/chores-commit-" + UUID.randomUUID();
        Run push = gate(
                "push",
                "--sbom-only",
                "--key",
                key,
                sample,
                repository + ":{git.short}",
                "--also-tag",
                "{git.tag}",
                "--also-tag",
                "sha-{git.sha}");
        assertEquals(0, push.code(), push.toString());
        assertTrue(push.out().contains("also tagged: v1.2.3"), push.out());
        assertEquals(List.of("0123456", "sha-" + SHA, "v1.2.3"), imageTags(repository));
        String digest = Crane.run("digest", repository + ":0123456").strip();
        assertEquals(digest, Crane.run("digest", repository + ":v1.2.3").strip());
        assertEquals(digest, Crane.run("digest", repository + ":sha-" + SHA).strip());
        Run verify = gate("verify", "--key", dir.resolve("gate.pub").toString(), repository + ":v1.2.3");
        assertEquals(0, verify.code(), verify.toString());
    }

    /** A gated push to a second registry (--also) fills the same commit's placeholders there. */
    @Test
    void theFurtherDestinationsOfAGatedPushTakeTheCommitsPlaceholdersToo() throws Exception {
        ciEnvironment(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", SHA));
        String repository = host + "/chores-commit-" + UUID.randomUUID();
        String mirror = host + "/chores-mirror-" + UUID.randomUUID();
        Path policy = Files.writeString(
                dir.resolve("tags.rego"),
                "package tags\n\ndeny contains \"no commit tag\" if not regex.match(`^[0-9a-f]{7}$`, input.image.tag)\n");
        Run push = gate(
                "push",
                "--policy",
                policy.toString(),
                "--no-scan",
                "--key",
                key,
                sample,
                repository + ":{git.short}",
                "--also",
                mirror + ":sha-{git.short}");
        assertEquals(0, push.code(), push.toString());
        assertEquals(List.of("sha-0123456"), imageTags(mirror));
        assertEquals(
                Crane.run("digest", repository + ":0123456").strip(),
                Crane.run("digest", mirror + ":sha-0123456").strip());
        Run unknown = gate(
                "push",
                "--policy",
                policy.toString(),
                "--no-scan",
                "--no-sign",
                sample,
                repository + ":{git.short}",
                "--also",
                mirror + ":{git.branch}");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("unknown placeholder"), unknown.err());
    }

    @Test
    void noFurtherTagWhenTheSignatureCannotBeStored() throws Exception {
        ciEnvironment(Map.of("CI_COMMIT_SHA", SHA, "CI_COMMIT_SHORT_SHA", "01234567", "CI_COMMIT_TAG", "v2.0.0"));
        try (FaultyProxy proxy = new FaultyProxy(host)) {
            proxy.failWhen((method, path) ->
                    method.equals("PUT") && path.contains("/manifests/sha256-") && path.endsWith(".sig"));
            String repository = proxy.hostPort() + "/chores-unsigned-" + UUID.randomUUID();
            Run push = gate(
                    "push",
                    "--sbom-only",
                    "--key",
                    key,
                    sample,
                    repository + ":{git.short}",
                    "--also-tag",
                    "{git.tag}");
            assertEquals(3, push.code(), push.toString());
            assertEquals(List.of(), imageTags(repository.replace(proxy.hostPort(), host)));
        }
    }

    @Test
    void aHostileTagVariableIsAOneLineUsageErrorAndNothingIsPushed() throws Exception {
        String repository = host + "/chores-hostile-" + UUID.randomUUID();
        ciEnvironment(Map.of("GITHUB_REF_TYPE", "tag", "GITHUB_REF_NAME", HostileText.NAME));
        Run hostile = gate("push", "-q", sample, repository + ":{git.tag}");
        assertEquals(2, hostile.code(), hostile.toString());
        assertEquals(1, hostile.err().lines().count(), hostile.err());
        assertTrue(hostile.err().contains("{git.tag}: GITHUB_REF_NAME is"), hostile.err());
        HostileText.assertInert(hostile.err());

        ciEnvironment(Map.of("CI_COMMIT_TAG", "1.0.0@sha256:" + "0".repeat(64)));
        Run digestInTag = gate("copy", "-q", sample, repository + ":1.0.0", "--also-tag", "{git.tag}");
        assertEquals(2, digestInTag.code(), digestInTag.toString());

        ciEnvironment(Map.of("CI_COMMIT_SHA", "0123;rm -rf ~"));
        Run notASha = gate("push", "-q", sample, repository + ":{git.sha}");
        assertEquals(2, notASha.code(), notASha.toString());
        assertTrue(
                notASha.err().contains("{git.sha}: CI_COMMIT_SHA is '0123;rm -rf ~', which is not a commit id"),
                notASha.err());
        assertEquals(List.of(), imageTags(repository), "nothing reached the registry");
    }

    @Test
    void unknownPlaceholdersAndBadFurtherTagsAreUsageErrors() {
        ciEnvironment(Map.of("GITHUB_SHA", SHA));
        String repository = host + "/chores-bad-" + UUID.randomUUID();
        Run unknown = gate("push", "-q", sample, repository + ":{git.branch}");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("unknown placeholder '{git.branch}'"), unknown.err());
        Run badTag = gate("push", "-q", sample, repository + ":1.0.0", "--also-tag", "-dash");
        assertEquals(2, badTag.code(), badTag.toString());
        Run layout = gate("push", "-q", sample, "oci:" + dir.resolve("out") + ":1.0.0", "--also-tag", "{git.short}");
        assertEquals(2, layout.code(), layout.toString());
        assertTrue(layout.err().contains("--also-tag needs a registry destination"), layout.err());
    }

    @Test
    void copyMovesTheFurtherTagsToTheCopiedDigest() throws Exception {
        ciEnvironment(Map.of("GIT_COMMIT", SHA, "TAG_NAME", "release-7"));
        String from = host + "/chores-copy-from-" + UUID.randomUUID() + ":1.0.0";
        assertEquals(0, gate("push", "-q", sample, from).code());
        String repository = host + "/chores-copy-to-" + UUID.randomUUID();
        Run copy = gate(
                "copy",
                "--output",
                "json",
                from,
                repository + ":{git.tag}",
                "--also-tag",
                "{git.short}",
                "--also-tag",
                "latest");
        assertEquals(0, copy.code(), copy.toString());
        assertTrue(copy.out().contains("\"alsoTagged\":[\"0123456\",\"latest\"]"), copy.out());
        assertEquals(List.of("0123456", "latest", "release-7"), imageTags(repository));
        assertNotEquals("", Crane.run("digest", repository + ":latest").strip());
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
