package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate audit --shard K/N over a real registry, merged with gate audit merge; a repository that refuses its listing. */
class AuditShardTest {

    @TempDir
    Path dir;

    AuditFixture fixture;
    String prefix;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new AuditFixture();
        prefix = fixture.prefix;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void pushSigned(Path key, String repository, int extraTags) {
        fixture.pushSigned(key, repository, "1.0.0");
        fixture.retag(repository, "1.0.0", AuditFixture.versions(1, extraTags));
    }

    private Run audit(String... more) {
        List<String> args = new ArrayList<>(
                List.of("audit", "--key", dir.resolve("gate.pub").toString(), "--all"));
        args.addAll(List.of(more));
        args.add(fixture.proxy.host());
        return gate(args.toArray(String[]::new));
    }

    @Test
    void shardsSplitRepositoriesAndLargeRepositoriesAndMergeToTheSingleRun() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        List<String> repositories = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            repositories.add(prefix + "/small" + i);
            pushSigned(key, prefix + "/small" + i, 2);
        }
        repositories.add(prefix + "/large");
        pushSigned(key, prefix + "/large", 299);
        Path unsigned = dir.resolve("unsigned");
        TestImages.write(unsigned, "2.0.0", TestImages.Spec.compliant());
        assertEquals(
                0,
                gate("push", "oci:" + unsigned + ":2.0.0", fixture.registry + "/" + prefix + "/small0:2.0.0")
                        .code());
        fixture.proxy.catalog = repositories;

        Run single = audit("--output", "json");
        assertEquals(1, single.code(), single.toString());
        JsonNode whole = AuditFixture.JSON.readTree(single.out());
        assertEquals(4 * 3 + 1 + 300, whole.get("tags").size());
        assertDocumented(whole);

        List<String> parts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int largeShards = 0;
        for (int k = 1; k <= 4; k++) {
            Path part = dir.resolve("part" + k + ".json");
            Run shard = audit("--shard", k + "/4", "--output", "json", "-o", part.toString());
            assertTrue(shard.code() <= 1, shard.toString());
            JsonNode report = AuditFixture.JSON.readTree(part.toFile());
            boolean hasLarge = false;
            for (JsonNode tag : report.get("tags")) {
                assertTrue(
                        seen.add(tag.get("repository").asText() + ":"
                                + tag.get("tag").asText()),
                        "each tag in one shard");
                hasLarge |= tag.get("repository").asText().endsWith("/large");
            }
            largeShards += hasLarge ? 1 : 0;
            parts.add(part.toString());
        }
        assertEquals(whole.get("tags").size(), seen.size());
        assertTrue(largeShards >= 3, "a large repository's tags are spread over the shards: " + largeShards);

        List<String> merge = new ArrayList<>(List.of("audit", "merge", "--output", "json"));
        merge.addAll(parts);
        Run merged = gate(merge.toArray(String[]::new));
        assertEquals(1, merged.code(), merged.toString());
        JsonNode combined = AuditFixture.JSON.readTree(merged.out());
        assertEquals(withoutTime(whole), withoutTime(combined));
        assertDocumented(combined);

        merge.set(3, "junit");
        Run junit = gate(merge.toArray(String[]::new));
        assertTrue(junit.out().contains("tests=\"313\" failures=\"1\""), junit.out());

        merge.add(parts.get(0));
        Run twice = gate(merge.toArray(String[]::new));
        assertEquals(2, twice.code(), twice.toString());
        assertTrue(twice.err().contains("shard 1/4 is given twice"), twice.err());

        Run missing = gate("audit", "merge", parts.get(0), parts.get(1), parts.get(3));
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(missing.err().contains("3 of 4 shards given"), missing.err());
    }

    /** Every field the report has is in its schema (docs/audit-report.schema.json), which forbids others. */
    static void assertDocumented(JsonNode report) throws java.io.IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(GateFixtures.root().resolve("docs/audit-report.schema.json")));
        assertEquals(Set.of(), schema.validate(report), report.toPrettyString());
    }

    private static JsonNode withoutTime(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        copy.remove("time");
        return copy;
    }

    @Test
    void aRepositoryThatRefusesItsListingIsReportedAndTheAuditGoesOn() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        pushSigned(key, prefix + "/open", 1);
        fixture.proxy.catalog = List.of(prefix + "/closed", prefix + "/open");
        fixture.proxy.refused = path -> path.equals("/v2/" + prefix + "/closed/tags/list");

        Run run = audit("--output", "json");
        assertEquals(1, run.code(), run.toString());
        JsonNode report = AuditFixture.JSON.readTree(run.out());
        assertEquals(2, report.get("tags").size());
        assertTrue(
                report.at("/tags/0/ok").asBoolean() && report.at("/tags/1/ok").asBoolean(), report.toString());
        assertEquals(
                prefix + "/closed", report.at("/listingFailures/0/repository").asText());
        assertTrue(report.at("/listingFailures/0/error").asText().contains("denied"), report.toString());
        assertDocumented(report);

        Run table = audit();
        assertEquals(1, table.code());
        assertTrue(table.out().contains("1 repositories could not be listed"), table.out());

        String host = fixture.proxy.host();
        Run named = gate(
                "audit",
                "--key",
                dir.resolve("gate.pub").toString(),
                "--output",
                "json",
                host + "/" + prefix + "/closed",
                host + "/" + prefix + "/open");
        assertEquals(1, named.code(), named.toString());
        assertEquals(
                withoutTime(report),
                withoutTime(AuditFixture.JSON.readTree(named.out())),
                "repositories named one by one are audited as the catalog's are");
        Run elsewhere = gate("audit", host + "/" + prefix + "/open", "registry.example.com/team/app");
        assertEquals(2, elsewhere.code(), elsewhere.toString());
    }

    private Run gate(String... args) {
        return fixture.gate(args);
    }
}
