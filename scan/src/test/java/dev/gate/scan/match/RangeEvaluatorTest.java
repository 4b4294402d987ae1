package dev.gate.scan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.Event;
import dev.gate.scan.osv.Event.Kind;
import dev.gate.scan.osv.Range;
import dev.gate.scan.version.PypiVersion;
import dev.gate.scan.version.SemverVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OSV evaluation rules, one at a time, on hand-made entries. */
class RangeEvaluatorTest {

    private final RangeEvaluator pypi = new RangeEvaluator(new PypiVersion());

    private static Affected entry(List<String> versions, Range... ranges) {
        return new Affected("PyPI", "demo", null, List.of(ranges), versions, List.of(), null, null);
    }

    private static Range range(String type, Object... kindVersion) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < kindVersion.length; i += 2) {
            events.add(new Event((Kind) kindVersion[i], (String) kindVersion[i + 1]));
        }
        return new Range(type, events);
    }

    @Test
    void unsortedEventsArePairedByVersion() {
        Affected a = entry(
                List.of(),
                range(
                        "ECOSYSTEM",
                        Kind.FIXED,
                        "2.0.6",
                        Kind.INTRODUCED,
                        "2.0.0",
                        Kind.FIXED,
                        "1.26.17",
                        Kind.INTRODUCED,
                        "0"));
        assertTrue(pypi.isAffected(a, "1.0"));
        assertTrue(pypi.isAffected(a, "1.26.16"));
        assertFalse(pypi.isAffected(a, "1.26.17"));
        assertFalse(pypi.isAffected(a, "1.26.18"));
        assertTrue(pypi.isAffected(a, "2.0.0"));
        assertFalse(pypi.isAffected(a, "2.0.6"));
        assertEquals(List.of("1.26.17"), pypi.fixedFor(a, "1.26.0"));
        assertEquals(List.of("2.0.6"), pypi.fixedFor(a, "2.0.1"));
    }

    @Test
    void lastAffectedIsInclusiveAndLimitExclusive() {
        Affected last = entry(List.of(), range("ECOSYSTEM", Kind.INTRODUCED, "1.0", Kind.LAST_AFFECTED, "1.5"));
        assertFalse(pypi.isAffected(last, "0.9"));
        assertTrue(pypi.isAffected(last, "1.5"));
        assertFalse(pypi.isAffected(last, "1.5.1"));
        assertEquals(List.of(), pypi.fixedFor(last, "1.2"));
        Affected limited = entry(List.of(), range("ECOSYSTEM", Kind.INTRODUCED, "0", Kind.LIMIT, "3.0"));
        assertTrue(pypi.isAffected(limited, "2.9"));
        assertFalse(pypi.isAffected(limited, "3.0"));
    }

    @Test
    void openEndedIntroducedAndExplicitVersions() {
        Affected open = entry(List.of("0.5"), range("ECOSYSTEM", Kind.INTRODUCED, "1.0"));
        assertTrue(pypi.isAffected(open, "99.0"));
        assertTrue(pypi.isAffected(open, "0.5"));
        assertTrue(pypi.isAffected(open, "0.5.0"), "PEP 440 equality: 0.5 == 0.5.0");
        assertFalse(pypi.isAffected(open, "0.6"));
    }

    @Test
    void gitRangesAreIgnoredAndSemverRangesUseSemver() {
        Affected git = entry(List.of(), range("GIT", Kind.INTRODUCED, "0", Kind.FIXED, "abc123"));
        assertFalse(pypi.isAffected(git, "1.0"));
        RangeEvaluator any = new RangeEvaluator(new PypiVersion());
        Affected semver = entry(List.of(), range("SEMVER", Kind.INTRODUCED, "1.0.0-rc.1", Kind.FIXED, "1.0.0"));
        assertTrue(any.isAffected(semver, "1.0.0-rc.2"));
        assertFalse(any.isAffected(semver, "1.0.0"));
        assertTrue(new RangeEvaluator(new SemverVersion()).isAffected(semver, "1.0.0-rc.10"));
    }

    @Test
    void unparseableInstalledVersionMatchesOnlyExactListings() {
        // npm has no fallback order (PyPI does: legacy strings sort before every PEP 440 version).
        RangeEvaluator npm = new RangeEvaluator(new dev.gate.scan.version.NpmVersion());
        Affected a = entry(List.of("weird version"), range("ECOSYSTEM", Kind.INTRODUCED, "0", Kind.FIXED, "2.0.0"));
        assertTrue(npm.isAffected(a, "weird version"));
        assertFalse(npm.isAffected(a, "another weird one"));
        assertTrue(npm.isAffected(a, "1.9.9"));
    }
}
