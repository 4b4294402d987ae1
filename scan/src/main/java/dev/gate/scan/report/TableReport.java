package dev.gate.scan.report;

import dev.gate.scan.Finding;
import dev.gate.scan.ScanResult;
import dev.gate.scan.severity.Severity;
import java.io.PrintWriter;
import java.util.List;

/** A plain text table for terminals and CI logs, with a one-line summary underneath. */
public final class TableReport {

    private TableReport() {
    }

    public static void write(ScanResult result, PrintWriter out) {
        List<Finding> findings = result.findings();
        if (!findings.isEmpty()) {
            String format = "%-28s %-9s %-5s %-32s %-24s %s%n";
            out.printf(format, "ID", "SEVERITY", "SCORE", "PACKAGE", "INSTALLED", "FIXED IN");
            for (Finding f : findings) {
                out.printf(format, f.id(), f.rating().severity(),
                        f.rating().score() == null ? "-" : String.valueOf(f.rating().score()),
                        clip(f.pkg().name(), 32), clip(f.installedVersion(), 24),
                        f.fixAvailable() ? String.join(", ", f.fixedVersions()) : "(no fix)");
            }
        }
        out.printf("%d vulnerabilities in %d packages: %d critical, %d high, %d medium, %d low, %d unknown%n",
                findings.size(), result.packagesScanned(), result.count(Severity.CRITICAL), result.count(Severity.HIGH),
                result.count(Severity.MEDIUM), result.count(Severity.LOW), result.count(Severity.UNKNOWN));
        out.flush();
    }

    private static String clip(String s, int width) {
        return s == null ? "" : s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
