package dev.gate.scan.severity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.scan.SharedData;
import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.OsvParser;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.osv.SeverityScore;
import java.io.InputStream;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

class SeverityRaterTest {

    private static final String V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H";
    private static final String V4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

    @Test
    void cvss4VectorIsScoredWhenNoV3IsGiven() {
        SeverityRating rating = rate(List.of(new SeverityScore("CVSS_V4", V4)), null, null, null);
        assertEquals(new SeverityRating(Severity.CRITICAL, 9.3, V4, "4.0"), rating);
    }

    @Test
    void cvss3ComesBeforeCvss4() {
        SeverityRating rating =
                rate(List.of(new SeverityScore("CVSS_V4", V4), new SeverityScore("CVSS_V3", V3)), null, null, null);
        assertEquals(new SeverityRating(Severity.HIGH, 7.5, V3, "3.1"), rating);
    }

    @Test
    void unreadableVectorFallsThroughToTheGhsaWord() {
        SeverityRating rating = rate(List.of(new SeverityScore("CVSS_V4", "CVSS:4.0/AV:N")), "MODERATE", null, null);
        assertEquals(new SeverityRating(Severity.MEDIUM, null, null, null), rating);
    }

    @Test
    void debianUrgencyIncludingNvdDerivedAndUnassigned() {
        assertEquals(Severity.LOW, rate(List.of(), null, "low**", null).severity());
        assertEquals(Severity.HIGH, rate(List.of(), null, "high", null).severity());
        assertEquals(Severity.LOW, rate(List.of(), null, "unimportant", null).severity());
        assertEquals(
                Severity.UNKNOWN,
                rate(List.of(), null, "not yet assigned", null).severity());
        assertEquals(
                Severity.UNKNOWN, rate(List.of(), null, "end-of-life", null).severity());
    }

    @Test
    void ubuntuPriorityAndRedHatSummary() {
        assertEquals(
                Severity.MEDIUM,
                rate(List.of(new SeverityScore("Ubuntu", "medium")), null, null, null)
                        .severity());
        assertEquals(
                Severity.UNKNOWN,
                rate(List.of(new SeverityScore("Ubuntu", "untriaged")), null, null, null)
                        .severity());
        assertEquals(
                Severity.HIGH,
                rate(List.of(), null, null, "Important: openssl security update")
                        .severity());
    }

    /** RUSTSEC-2024-0445 from the crates.io export carries only a CVSS v4.0 vector, scored 2.3 (LOW). */
    @Test
    void realCratesRecordWithOnlyCvss4() throws Exception {
        try (ZipFile zip = new ZipFile(SharedData.path("osv-bulk/crates.io.zip").toFile());
                InputStream in = zip.getInputStream(zip.getEntry("RUSTSEC-2024-0445.json"))) {
            OsvRecord record = OsvParser.parse(new ObjectMapper().readTree(in));
            SeverityRating rating = SeverityRater.rate(record, record.affected().get(0));
            assertEquals("4.0", rating.cvssVersion());
            assertEquals("CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", rating.vector());
            assertEquals(new SeverityRating(Severity.LOW, 2.3, rating.vector(), "4.0"), rating);
        }
    }

    private static SeverityRating rate(List<SeverityScore> scores, String ghsa, String urgency, String summary) {
        Affected affected = new Affected("Debian:12", "openssl", null, List.of(), List.of(), List.of(), urgency, null);
        OsvRecord record = new OsvRecord(
                "X-1",
                "2024-01-01T00:00:00Z",
                null,
                null,
                List.of(),
                List.of(),
                summary,
                scores,
                ghsa,
                List.of(affected));
        return SeverityRater.rate(record, affected);
    }
}
