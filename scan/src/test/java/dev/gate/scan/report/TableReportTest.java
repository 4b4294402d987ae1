package dev.gate.scan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.sbom.Package;
import dev.gate.scan.Finding;
import dev.gate.scan.ScanResult;
import dev.gate.scan.db.DbInfo;
import dev.gate.scan.severity.Severity;
import dev.gate.scan.severity.SeverityRating;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableReportTest {

    @Test
    void columnsAreAlignedAsPrintfWouldAlignThem() {
        Package log4j = new Package(
                "maven",
                "org.apache.logging.log4j",
                "log4j-core",
                "2.14.1",
                null,
                null,
                null,
                List.of(),
                null,
                List.of());
        Package longName = new Package(
                "pypi",
                null,
                "a-package-name-longer-than-thirty-two-chars",
                "1.0",
                null,
                null,
                null,
                List.of(),
                null,
                List.of());
        List<Finding> findings = List.of(
                new Finding(
                        "GHSA-jfh8-c2jp-5v3q",
                        List.of(),
                        new SeverityRating(Severity.CRITICAL, 10.0, "v", "3.1"),
                        null,
                        log4j,
                        "Maven",
                        "log4j-core",
                        "2.14.1",
                        List.of("2.15.0", "2.12.2"),
                        null),
                new Finding(
                        "PYSEC-1",
                        List.of(),
                        SeverityRating.UNKNOWN,
                        null,
                        longName,
                        "PyPI",
                        "x",
                        "1.0",
                        List.of(),
                        null));
        ScanResult result = new ScanResult(
                findings,
                ScanResult.count(findings),
                List.of(),
                2,
                new DbInfo(Path.of("osv.db"), 2, Map.of(), null, null, null));
        StringWriter text = new StringWriter();
        TableReport.write(result, new PrintWriter(text));
        String format = "%-28s %-9s %-5s %-32s %-24s %s%n";
        String expected = String.format(format, "ID", "SEVERITY", "SCORE", "PACKAGE", "INSTALLED", "FIXED IN")
                + String.format(
                        format, "GHSA-jfh8-c2jp-5v3q", "CRITICAL", "10.0", "log4j-core", "2.14.1", "2.15.0, 2.12.2")
                + String.format(
                        format, "PYSEC-1", "UNKNOWN", "-", "a-package-name-longer-than-thir…", "1.0", "(no fix)")
                + String.format("2 vulnerabilities in 2 packages: 1 critical, 0 high, 0 medium, 0 low, 1 unknown%n");
        assertEquals(expected, text.toString());
    }
}
