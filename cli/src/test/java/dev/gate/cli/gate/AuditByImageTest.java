package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.sign.VerifyCommand;
import dev.gate.signing.EcdsaSigner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate audit of a real registry repository whose many tags point at few images: each image is checked once, the policies
 * are decided per tag, and requests are counted by a proxy in front of the registry.
 */
class AuditByImageTest {

    @TempDir
    Path dir;

    AuditFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new AuditFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void eachImageIsCheckedOnceAndDecidedPerTag() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        Path db = GateFixtures.osvDatabase(dir);
        String repository = fixture.prefix + "/app";
        fixture.pushAttested(key, db, repository, "1.0.0");
        fixture.retag(repository, "1.0.0", AuditFixture.versions(1, 24));
        fixture.retag(repository, "1.0.0", List.of("latest"));
        String policies = AuditFixture.policies("prod.rego");

        Run run = gate(
                "audit",
                "--key",
                dir.resolve("gate.pub").toString(),
                "--policy",
                policies,
                "--data",
                AuditFixture.policies("data.example.yaml"),
                "--db",
                db.toString(),
                "--output",
                "json",
                fixture.proxy.host() + "/" + repository);
        assertEquals(1, run.code(), run.toString());
        JsonNode tags = AuditFixture.JSON.readTree(run.out()).get("tags");
        assertEquals(26, tags.size());
        String keyId = EcdsaSigner.keyId(VerifyCommand.readPublic(dir.resolve("gate.pub")));
        for (JsonNode tag : tags) {
            assertEquals("[\"" + keyId + "\"]", tag.get("verifiedBy").toString(), tag.toString());
            boolean latest = tag.get("tag").asText().equals("latest");
            assertEquals(!latest, tag.get("ok").asBoolean(), tag.toString());
            assertEquals(
                    latest,
                    tag.get("failingRules").toString().contains("deny_latest"),
                    "the policies read each tag's own name");
        }
        Run table = gate("audit", "--key", dir.resolve("gate.pub").toString(), fixture.proxy.host() + "/" + repository);
        assertTrue(
                table.out()
                        .lines()
                        .skip(1)
                        .limit(26)
                        .allMatch(line -> line.contains(" " + keyId.substring(0, 19) + " ")),
                "the table names the key that verified each tag:\n" + table.out());
        fixture.proxy.requests.clear();
        run = gate(
                "audit",
                "--key",
                dir.resolve("gate.pub").toString(),
                "--policy",
                policies,
                "--data",
                AuditFixture.policies("data.example.yaml"),
                "--db",
                db.toString(),
                fixture.proxy.host() + "/" + repository);
        String prefix = "/v2/" + repository + "/";
        assertEquals(
                26,
                fixture.proxy.count(r -> r.startsWith("HEAD " + prefix + "manifests/")),
                "one HEAD resolves each tag");
        long rest = fixture.proxy.count(r -> r.contains(prefix) && !r.startsWith("HEAD "));
        assertTrue(
                rest <= 12,
                "signatures, attestations, manifest and config read once for the image, not per tag: " + rest
                        + " requests " + fixture.proxy.requests);
    }

    private Run gate(String... args) {
        return fixture.gate(args);
    }
}
