package dev.gate.scan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.sbom.Package;
import dev.gate.scan.Finding;
import dev.gate.scan.ScanResult;
import dev.gate.scan.db.DbInfo;
import dev.gate.scan.severity.Severity;
import dev.gate.scan.severity.SeverityRating;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrettyJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyNodeTypeIsWrittenAsObjectMapperWritesIt() throws Exception {
        ObjectNode tree = MAPPER.createObjectNode();
        tree.put("text", "a \"quoted\" \u00e9 line\n")
                .put("int", 7)
                .put("long", 1L << 40)
                .put("double", 9.8)
                .put("float", 1.5f)
                .put("big", new BigInteger("123456789012345678901234567890"))
                .put("decimal", new BigDecimal("1.50"))
                .put("yes", true)
                .putNull("nothing");
        tree.putArray("empty");
        tree.putObject("nested").putArray("list").add(1).add("two").addObject().put("three", 3);
        assertSame(tree);
    }

    @Test
    void scanReportsAreWrittenAsObjectMapperWritesThem() throws Exception {
        Package pkg = new Package("pypi", null, "requests", "2.19.0", null, null, null, List.of(), null, List.of());
        List<Finding> findings = List.of(new Finding(
                "GHSA-x",
                List.of("CVE-1", "PYSEC-2"),
                new SeverityRating(Severity.MEDIUM, 6.1, "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", "3.1"),
                "summary",
                pkg,
                "PyPI",
                "requests",
                "2.19.0",
                List.of("2.20.0"),
                "2018-10-29T00:00:00Z"));
        ScanResult result = new ScanResult(
                findings,
                ScanResult.count(findings),
                List.of("a warning"),
                1,
                new DbInfo(Path.of("osv.db"), 3, Map.of("PyPI", 3L), "2024-01-01T00:00:00Z", null, null));
        assertSame(JsonReport.document(result));
        assertSame(SarifReport.document(result, "1.0", "bom.json"));
    }

    @Test
    void databaseEcosystemsAreListedInOrder() {
        DbInfo info = new DbInfo(
                Path.of("osv.db"),
                6,
                Map.of("PyPI", 1L, "Go", 2L, "AlmaLinux:9", 3L, "crates.io", 4L, "npm", 5L),
                null,
                null,
                null);
        assertEquals(
                List.of("AlmaLinux:9", "Go", "PyPI", "crates.io", "npm"),
                List.copyOf(info.perEcosystem().keySet()));
    }

    private static void assertSame(JsonNode tree) throws Exception {
        StringWriter ours = new StringWriter();
        PrettyJson.write(tree, ours);
        assertEquals(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree), ours.toString());
    }
}
