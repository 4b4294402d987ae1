package dev.gate.policy.coverage;

import dev.gate.policy.ast.Module;
import dev.gate.policy.eval.Coverage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Line coverage of policy files, as {@code opa test --coverage} reports it: per file the rows covered and the rows not
 * covered (a row may be both), and the share of covered rows among all counted ones.
 */
public record CoverageReport(Map<String, FileCoverage> files) {

    public CoverageReport {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** One file's rows. */
    public record FileCoverage(SortedSet<Integer> covered, SortedSet<Integer> notCovered) {
        public FileCoverage {
            covered = Collections.unmodifiableSortedSet(new TreeSet<>(covered));
            notCovered = Collections.unmodifiableSortedSet(new TreeSet<>(notCovered));
        }

        /** Covered rows as a percentage of covered and not covered ones; 0 for a file with none. */
        public double percent() {
            return CoverageReport.percent(covered.size(), notCovered.size());
        }
    }

    /** The coverage of the modules' files from what an evaluation reached. */
    public static CoverageReport of(List<Module> modules, Coverage hits) {
        Map<String, FileCoverage> files = new TreeMap<>();
        for (Module m : modules) {
            ModuleLines lines = ModuleLines.of(m, hits);
            files.put(m.source().fileName(), new FileCoverage(lines.covered, lines.notCovered));
        }
        return new CoverageReport(files);
    }

    public int coveredLines() {
        return files.values().stream().mapToInt(f -> f.covered().size()).sum();
    }

    public int notCoveredLines() {
        return files.values().stream().mapToInt(f -> f.notCovered().size()).sum();
    }

    /** Covered rows of all files as a percentage of all counted rows. */
    public double percent() {
        return percent(coveredLines(), notCoveredLines());
    }

    static double percent(int covered, int notCovered) {
        int total = covered + notCovered;
        return total == 0 ? 0.0 : 100.0 * covered / total;
    }
}
