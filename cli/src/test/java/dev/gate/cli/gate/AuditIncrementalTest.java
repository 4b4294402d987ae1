package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate audit --state: a later audit resolves every tag again but checks only what changed; a bad state file is refused. */
class AuditIncrementalTest {

    @TempDir
    Path dir;

    AuditFixture fixture;
    String repository;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new AuditFixture();
        repository = fixture.prefix + "/app";
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Run audit(Path db, Path state, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "audit",
                "--key",
                dir.resolve("gate.pub").toString(),
                "--policy",
                AuditFixture.policies("prod.rego"),
                "--data",
                AuditFixture.policies("data.example.yaml"),
                "--db",
                db.toString(),
                "--state",
                state.toString(),
                "--output",
                "json"));
        args.addAll(List.of(more));
        args.add(fixture.proxy.host() + "/" + repository);
        return gate(args.toArray(String[]::new));
    }

    @Test
    void laterAuditsCheckOnlyMovedTagsAndNewImages() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        Path db = GateFixtures.osvDatabase(dir);
        fixture.pushAttested(key, db, repository, "1.0.0");
        fixture.retag(repository, "1.0.0", AuditFixture.versions(1, 9));
        Path state = dir.resolve("audit-state.json");

        Run cold = audit(db, state);
        assertEquals(0, cold.code(), cold.toString());
        assertTrue(Files.exists(state));
        String prefix = "/v2/" + repository + "/";
        long coldReads = fixture.proxy.count(r -> r.startsWith("GET " + prefix) && !r.endsWith("/tags/list"));
        assertTrue(coldReads > 0);

        fixture.proxy.requests.clear();
        Run warm = audit(db, state);
        assertEquals(0, warm.code(), warm.toString());
        assertEquals(
                cold.out().replaceAll("\"time\" : \"[^\"]*\"", ""),
                warm.out().replaceAll("\"time\" : \"[^\"]*\"", ""),
                "the same report from the state");
        assertEquals(
                10,
                fixture.proxy.count(r -> r.startsWith("HEAD " + prefix)),
                "every tag is resolved at the registry again");
        assertEquals(
                0,
                fixture.proxy.count(r -> r.startsWith("GET " + prefix) && !r.endsWith("/tags/list")),
                fixture.proxy.requests.toString());

        Path unsigned = dir.resolve("unsigned");
        TestImages.write(unsigned, "2.0.0", TestImages.Spec.compliant());
        assertEquals(
                0,
                gate("push", "oci:" + unsigned + ":2.0.0", fixture.registry + "/" + repository + ":1.0.3")
                        .code());
        fixture.proxy.requests.clear();
        Run moved = audit(db, state);
        assertEquals(1, moved.code(), moved.toString());
        JsonNode tags = AuditFixture.JSON.readTree(moved.out()).get("tags");
        for (JsonNode tag : tags) {
            assertEquals(!tag.get("tag").asText().equals("1.0.3"), tag.get("ok").asBoolean(), tag.toString());
        }
        assertTrue(
                fixture.proxy.count(r -> r.startsWith("GET " + prefix + "manifests/sha256")) > 0,
                "the moved tag's image is checked");
        assertEquals(
                0,
                fixture.proxy.count(
                        r -> r.contains(tags.get(0).get("digest").asText().replace(':', '-'))),
                "the unchanged image is not: " + fixture.proxy.requests);

        fixture.proxy.requests.clear();
        assertEquals(1, audit(db, state, "--full").code());
        assertTrue(
                fixture.proxy.count(r ->
                                r.contains(tags.get(0).get("digest").asText().replace(':', '-')))
                        > 0,
                "--full checks everything");
    }

    @Test
    void malformedStateIsAnInputErrorNamingTheFile() throws Exception {
        GateFixtures.keyPair(dir);
        Path db = dir.resolve("unused.db");
        Path state = dir.resolve("state.json");
        String digest = "sha256:" + "ab".repeat(32);
        List<String> bad = List.of(
                "{",
                "[]",
                "{\"format\":\"gate-audit-state/v1\",\"registry\":\"r\",\"fingerprint\":\"x\",\"tags\":[]}",
                "{\"format\":\"gate-audit-state/v1\",\"registry\":\"r\",\"fingerprint\":\"" + digest
                        + "\",\"tags\":[{\"repository\":" + "\"a\",\"tag\":\"1\",\"digest\":\"" + digest
                        + "\",\"severities\":{\"critical\":-1}}]}",
                "{\"format\":\"gate-audit-state/v1\",\"registry\":\"r\",\"fingerprint\":\"" + digest
                        + "\",\"tags\":[{\"repository\":" + "\"a\\u001b[2J\",\"tag\":\"1\",\"digest\":\"" + digest
                        + "\",\"severities\":{}}]}");
        for (String content : bad) {
            Files.writeString(state, content);
            Run run = audit(db, state);
            assertEquals(2, run.code(), content + ": " + run);
            assertTrue(run.err().startsWith("gate: --state " + state + ": "), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertFalse(run.err().contains("\u001b"), run.err());
        }
    }

    private Run gate(String... args) {
        return fixture.gate(args);
    }
}
