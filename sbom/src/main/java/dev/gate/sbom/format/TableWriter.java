package dev.gate.sbom.format;

import dev.gate.image.SafeText;
import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.Unknown;

/**
 * A plain-text listing for people: one package a line, then what could not be read. Every name, version and path
 * comes from the image, so each is escaped before the columns are measured.
 */
public final class TableWriter {

    public String write(Sbom sbom) {
        int nameWidth = Math.max(
                4,
                sbom.packages().stream()
                        .mapToInt(p -> display(p).length())
                        .max()
                        .orElse(0));
        int versionWidth = Math.max(
                7,
                sbom.packages().stream()
                        .mapToInt(p -> version(p).length())
                        .max()
                        .orElse(0));
        StringBuilder out = new StringBuilder();
        if (sbom.os() != null) {
            out.append("OS: ")
                    .append(SafeText.of(sbom.os().id()))
                    .append(' ')
                    .append(SafeText.of(sbom.os().versionId()))
                    .append('\n');
        }
        String format = "%-" + nameWidth + "s  %-" + versionWidth + "s  %s%n";
        out.append(String.format(format, "NAME", "VERSION", "TYPE"));
        for (Package p : sbom.packages()) {
            out.append(String.format(format, display(p), version(p), SafeText.of(p.ecosystem())));
        }
        out.append(sbom.packages().size()).append(" packages\n");
        for (Unknown u : sbom.unknowns()) {
            out.append("not read: ").append(SafeText.of(u.toString())).append('\n');
        }
        return out.toString();
    }

    private static String display(Package p) {
        if (p.group() == null || p.ecosystem().equals("golang")) {
            return SafeText.of(p.name());
        }
        return SafeText.of(p.ecosystem().equals("npm") ? p.group() + "/" + p.name() : p.group() + ":" + p.name());
    }

    private static String version(Package p) {
        return p.version() == null ? "" : SafeText.of(p.version());
    }
}
