package dev.gate.sbom.format;

import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.Unknown;

/** A plain-text listing for people: one package a line, then what could not be read. */
public final class TableWriter {

    public String write(Sbom sbom) {
        int nameWidth = Math.max(4, sbom.packages().stream().mapToInt(p -> display(p).length()).max().orElse(0));
        int versionWidth = Math.max(7, sbom.packages().stream().mapToInt(p -> version(p).length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        if (sbom.os() != null) {
            out.append("OS: ").append(sbom.os().id()).append(' ').append(sbom.os().versionId()).append('\n');
        }
        String format = "%-" + nameWidth + "s  %-" + versionWidth + "s  %s%n";
        out.append(String.format(format, "NAME", "VERSION", "TYPE"));
        for (Package p : sbom.packages()) {
            out.append(String.format(format, display(p), version(p), p.ecosystem()));
        }
        out.append(sbom.packages().size()).append(" packages\n");
        for (Unknown u : sbom.unknowns()) {
            out.append("not read: ").append(u).append('\n');
        }
        return out.toString();
    }

    private static String version(Package p) {
        return p.version() == null ? "" : p.version();
    }

    private static String display(Package p) {
        if (p.group() == null || p.ecosystem().equals("golang")) {
            return p.name();
        }
        return p.ecosystem().equals("npm") ? p.group() + "/" + p.name() : p.group() + ":" + p.name();
    }
}
