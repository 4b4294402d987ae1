package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate audit tells, per tag, when the image was gated, by which policy files and from which CI run, as its verified
 * decision record says; --approved-policies fails tags gated by policies not on the list. Over the loopback registry.
 */
class AuditEvidenceTest {

    private static final Map<String, String> CI = Map.of(
            "GITHUB_ACTIONS",
            "true",
            "GITHUB_REPOSITORY",
            "payments/api",
            "GITHUB_RUN_ID",
            "4242",
            "GITHUB_SHA",
            "0123456789abcdef0123456789abcdef01234567",
            "GITHUB_REF",
            "refs/heads/main");

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    AuditFixture fixture;
    Path key;
    String prod;
    String changed;

    @BeforeEach
    void pushGatedImages() throws Exception {
        fixture = new AuditFixture();
        key = GateFixtures.keyPair(dir);
        prod = AuditFixture.policies("prod.rego");
        Path copy = dir.resolve("policies/prod.rego");
        Files.createDirectories(copy.getParent());
        changed = Files.writeString(copy, Files.readString(Path.of(prod)) + "\n# changed after its review\n")
                .toString();
        environment = environment.withVariables(name -> name.equals("COSIGN_PASSWORD") ? "pw" : CI.get(name));
        gated(prod, "reviewed");
        gated(changed, "changed");
        environment = environment.withVariables(onlyKeyPassword("pw"));
        fixture.pushSigned(key, fixture.prefix + "/ungated", "1.0.0");
    }

    private void gated(String policy, String repository) {
        Run pushed = gate(
                "push",
                "--key",
                key.toString(),
                "--policy",
                policy,
                "--data",
                AuditFixture.policies("data.example.yaml"),
                "--no-scan",
                "--waivers",
                GateFixtures.unscannedWaiver(),
                "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0",
                fixture.registry + "/" + fixture.prefix + "/" + repository + ":1.0.0");
        assertEquals(0, pushed.code(), pushed.toString());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Run audit(String repository, String... more) {
        List<String> args = new ArrayList<>(
                List.of("audit", "--key", dir.resolve("gate.pub").toString()));
        args.addAll(List.of(more));
        args.add(fixture.registry + "/" + fixture.prefix + "/" + repository);
        return gate(args.toArray(String[]::new));
    }

    private static String sha256(String file) throws Exception {
        return Digest.sha256(Files.readAllBytes(Path.of(file))).toString().substring("sha256:".length());
    }

    @Test
    void eachTagSaysWhenByWhichPoliciesAndFromWhichRunItWasGated() throws Exception {
        Run json = audit("reviewed", "--output", "json");
        assertEquals(0, json.code(), json.toString());
        JsonNode report = AuditFixture.JSON.readTree(json.out());
        AuditShardTest.assertDocumented(report);
        JsonNode gatedBy = report.path("tags").path(0).path("gated");
        assertTrue(
                gatedBy.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z"),
                gatedBy.toString());
        assertEquals(prod, gatedBy.path("policies").path(0).path("path").asText(), gatedBy.toString());
        assertEquals(
                sha256(prod), gatedBy.path("policies").path(0).path("sha256").asText(), gatedBy.toString());
        String data = AuditFixture.policies("data.example.yaml");
        assertEquals(data, gatedBy.path("data").path(0).path("path").asText(), gatedBy.toString());
        assertEquals(sha256(data), gatedBy.path("data").path(0).path("sha256").asText(), gatedBy.toString());
        assertEquals("github-actions", gatedBy.path("ci").path("provider").asText(), gatedBy.toString());
        assertEquals("4242", gatedBy.path("ci").path("runId").asText(), gatedBy.toString());
        assertEquals("payments/api", gatedBy.path("ci").path("repository").asText(), gatedBy.toString());

        Run table = audit("reviewed");
        assertEquals(0, table.code(), table.toString());
        assertTrue(
                table.out().contains("GATED")
                        && table.out().contains(gatedBy.path("time").asText().substring(0, 19)),
                table.out());

        Run html = audit("reviewed", "--output", "html");
        assertTrue(html.out().contains("How each image was gated"), html.out());
        assertTrue(html.out().contains("github-actions payments/api run 4242"), html.out());
        assertTrue(html.out().contains(sha256(prod)), html.out());

        Run ungated = audit("ungated", "--output", "json");
        assertTrue(
                AuditFixture.JSON
                        .readTree(ungated.out())
                        .path("tags")
                        .path(0)
                        .path("gated")
                        .isNull(),
                ungated.out());

        Path part = Files.writeString(dir.resolve("audit.json"), json.out());
        Run merged = gate("audit", "merge", "--output", "json", part.toString());
        assertEquals(0, merged.code(), merged.toString());
        assertEquals(
                gatedBy,
                AuditFixture.JSON.readTree(merged.out()).path("tags").path(0).path("gated"),
                merged.out());
    }

    @Test
    void theSignedDecisionRecordNamesTheCiRun() throws Exception {
        Run shown = gate(
                "verify",
                "--key",
                dir.resolve("gate.pub").toString(),
                "--show",
                "decision",
                fixture.registry + "/" + fixture.prefix + "/reviewed:1.0.0");
        assertEquals(0, shown.code(), shown.toString());
        JsonNode record = AuditFixture.JSON.readTree(shown.out());
        assertEquals(
                Set.of(),
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(Files.readString(GateFixtures.root().resolve("docs/decision-record.schema.json")))
                        .validate(record),
                shown.out());
        assertEquals("4242", record.path("input").path("ci").path("runId").asText(), shown.out());
        assertEquals(
                "refs/heads/main", record.path("input").path("ci").path("ref").asText(), shown.out());
    }

    @Test
    void tagsGatedByPoliciesNotOnTheApprovedListFail() throws Exception {
        Path lines = Files.writeString(
                dir.resolve("approved.txt"), "# reviewed 2026-11-30\nsha256:" + sha256(prod) + "\n\n");
        Run reviewed = audit("reviewed", "--approved-policies", lines.toString());
        assertEquals(0, reviewed.code(), reviewed.toString());

        Run changedRun = audit("changed", "--approved-policies", lines.toString(), "--output", "json");
        assertEquals(1, changedRun.code(), changedRun.toString());
        JsonNode tag = AuditFixture.JSON.readTree(changedRun.out()).path("tags").path(0);
        AuditShardTest.assertDocumented(AuditFixture.JSON.readTree(changedRun.out()));
        assertFalse(tag.path("ok").asBoolean(), tag.toString());
        assertEquals(
                "gated by a policy not on the approved list: " + changed + " (sha256 " + sha256(changed) + ")",
                tag.path("unapprovedPolicies").path(0).asText(),
                tag.toString());

        Path array = Files.writeString(dir.resolve("approved.json"), "[\"" + sha256(changed) + "\"]");
        assertEquals(
                0, audit("changed", "--approved-policies", array.toString()).code());
        Run junit = audit("reviewed", "--approved-policies", array.toString(), "--output", "junit");
        assertEquals(1, junit.code(), junit.toString());
        String failure = JunitReports.cases(junit.out()).get("1.0.0");
        assertTrue(failure != null && failure.contains("not on the approved list: " + prod), junit.out());

        Run ungated = audit("ungated", "--approved-policies", array.toString());
        assertEquals(1, ungated.code(), ungated.toString());
        assertTrue(ungated.out().contains("no verified decision record"), ungated.out());
    }

    @Test
    void aKeptStateStillTellsTheGatingAndAnotherListChecksAgain() throws Exception {
        Path state = dir.resolve("state.json");
        Path approved = Files.writeString(dir.resolve("approved.txt"), sha256(prod) + "\n");
        Run first = audit(
                "reviewed",
                "--state",
                state.toString(),
                "--approved-policies",
                approved.toString(),
                "--output",
                "json");
        assertEquals(0, first.code(), first.toString());
        Run again = audit(
                "reviewed",
                "--state",
                state.toString(),
                "--approved-policies",
                approved.toString(),
                "--output",
                "json");
        assertEquals(0, again.code(), again.toString());
        assertEquals(
                AuditFixture.JSON.readTree(first.out()).path("tags").path(0).path("gated"),
                AuditFixture.JSON.readTree(again.out()).path("tags").path(0).path("gated"));

        Path other = Files.writeString(dir.resolve("other.txt"), sha256(changed) + "\n");
        Run otherList = audit("reviewed", "--state", state.toString(), "--approved-policies", other.toString());
        assertEquals(1, otherList.code(), "a passing tag of the old list is checked again: " + otherList);
    }

    @Test
    void aBadListIsAnInputError() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.txt"), "prod.rego\n");
        Run run = audit("reviewed", "--approved-policies", bad.toString());
        assertEquals(2, run.code(), run.toString());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("'prod.rego' is not a SHA-256 digest"), run.err());

        Run keyless = gate(
                "audit", "--approved-policies", bad.toString(), fixture.registry + "/" + fixture.prefix + "/reviewed");
        assertEquals(2, keyless.code(), keyless.toString());
        assertTrue(keyless.err().contains("--approved-policies reads verified decision records"), keyless.err());
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
