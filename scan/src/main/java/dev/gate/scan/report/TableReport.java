package dev.gate.scan.report;

import dev.gate.image.SafeText;
import dev.gate.scan.Finding;
import dev.gate.scan.ScanResult;
import dev.gate.scan.severity.Severity;
import java.io.PrintWriter;
import java.util.List;

/** A plain text table for terminals and CI logs, with a one-line summary underneath. */
public final class TableReport {

    private TableReport() {}

    public static void write(ScanResult result, PrintWriter out) {
        List<Finding> findings = result.findings();
        if (!findings.isEmpty()) {
            StringBuilder line = new StringBuilder(160);
            row(line, "ID", "SEVERITY", "SCORE", "PACKAGE", "INSTALLED", "FIXED IN");
            out.print(line);
            for (Finding f : findings) {
                // Padding by hand: printf parses its format string again for each of thousands of lines.
                // Names and versions come from the image, ids and fixed versions from advisories: escaped.
                row(
                        line,
                        SafeText.of(f.id()),
                        f.rating().severity().name(),
                        f.rating().score() == null
                                ? "-"
                                : String.valueOf(f.rating().score()),
                        clip(SafeText.of(f.pkg().name()), 32),
                        clip(SafeText.of(f.installedVersion()), 24),
                        f.fixAvailable() ? SafeText.of(String.join(", ", f.fixedVersions())) : "(no fix)");
                out.print(line);
            }
        }
        out.printf(
                "%d vulnerabilities in %d packages: %d critical, %d high, %d medium, %d low, %d unknown%n",
                findings.size(),
                result.packagesScanned(),
                result.count(Severity.CRITICAL),
                result.count(Severity.HIGH),
                result.count(Severity.MEDIUM),
                result.count(Severity.LOW),
                result.count(Severity.UNKNOWN));
        out.flush();
    }

    /** The columns left-aligned in widths 28, 9, 5, 32 and 24, each followed by a space, then the last one. */
    private static void row(
            StringBuilder line, String id, String severity, String score, String pkg, String installed, String fixed) {
        line.setLength(0);
        pad(line, id, 28);
        pad(line, severity, 9);
        pad(line, score, 5);
        pad(line, pkg, 32);
        pad(line, installed, 24);
        line.append(fixed).append(System.lineSeparator());
    }

    private static void pad(StringBuilder line, String value, int width) {
        line.append(value);
        for (int i = value.length(); i < width; i++) {
            line.append(' ');
        }
        line.append(' ');
    }

    private static String clip(String s, int width) {
        return s == null ? "" : s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
