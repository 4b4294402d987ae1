package dev.gate.scan;

import static dev.gate.image.testing.FuzzChecks.parses;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.sbom.Purl;
import dev.gate.scan.match.RangeEvaluator;
import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.MalformedRecordException;
import dev.gate.scan.osv.OsvParser;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.osv.RecordCodec;
import dev.gate.scan.severity.Cvss3;
import dev.gate.scan.severity.SeverityRater;
import dev.gate.scan.version.InvalidVersionException;
import dev.gate.scan.version.Orderings;
import dev.gate.scan.version.VersionOrdering;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Advisories, version strings of every ecosystem, purls, CVSS vectors and SBOMs given to {@code gate scan}. */
class ScanInputFuzzTest {

    private static final List<Class<? extends Exception>> REFUSALS = List.of(
            IOException.class,
            MalformedRecordException.class,
            InvalidVersionException.class,
            IllegalArgumentException.class);
    private static final List<String> ECOSYSTEMS =
            List.of("Debian", "Alpine", "Red Hat", "Maven", "PyPI", "npm", "Go", "crates.io");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The first byte picks an ecosystem; the rest is two versions separated by a newline, compared both ways and
     * each with itself, as a range check compares a package's version with an advisory's bounds.
     */
    @FuzzTest
    void versionOrdering(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        VersionOrdering ordering = Orderings.forEcosystem(ECOSYSTEMS.get((input[0] & 0xff) % ECOSYSTEMS.size()))
                .orElseThrow();
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String a = newline < 0 ? text : text.substring(0, newline);
        String b = newline < 0 ? "" : text.substring(newline + 1);
        parses(() -> ordering.compare(a, b), REFUSALS);
        parses(() -> ordering.compare(b, a), REFUSALS);
        parses(() -> ordering.compare(a, a), REFUSALS);
        parses(() -> Orderings.semver().compare(a, b), REFUSALS);
    }

    /** An OSV record as the importer reads it, stored and read back, then rated and matched as the scanner would. */
    @FuzzTest
    void osvRecord(byte[] input) throws Exception {
        parses(
                () -> {
                    OsvRecord record = RecordCodec.decode(RecordCodec.encode(OsvParser.parse(JSON.readTree(input))));
                    for (Affected affected : record.affected()) {
                        SeverityRater.rate(record, affected);
                        if (affected.ecosystem() == null) {
                            continue; // no package: never indexed, so never matched (IndexedRecord)
                        }
                        VersionOrdering ordering =
                                Orderings.forEcosystem(affected.ecosystem()).orElse(Orderings.semver());
                        for (String version : List.of("0", "1.0.0", "2.36-9+deb12u4", "1.2.3-r0")) {
                            parses(
                                    () -> {
                                        RangeEvaluator ranges = new RangeEvaluator(ordering);
                                        ranges.isAffected(affected, version);
                                        ranges.fixedFor(affected, version);
                                    },
                                    REFUSALS);
                        }
                    }
                },
                REFUSALS);
    }

    @FuzzTest
    void storedRecord(byte[] input) throws Exception {
        parses(() -> RecordCodec.decode(input), REFUSALS);
    }

    @FuzzTest
    void purl(byte[] input) throws Exception {
        parses(() -> Purl.parse(new String(input, StandardCharsets.UTF_8)), REFUSALS);
    }

    @FuzzTest
    void cvssVector(byte[] input) throws Exception {
        parses(() -> Cvss3.baseScore(new String(input, StandardCharsets.UTF_8)), REFUSALS);
    }

    /** A CycloneDX SBOM given to {@code gate scan --sbom FILE}. */
    @FuzzTest
    void cycloneDxSbom(byte[] input) throws Exception {
        Path file = Files.createTempFile("gate-fuzz-", ".cdx.json");
        try {
            Files.write(file, input);
            parses(() -> dev.gate.scan.sbomin.CycloneDxInput.read(file), REFUSALS);
        } finally {
            Files.delete(file);
        }
    }
}
