package dev.gate.sbom.catalog;

import dev.gate.image.fs.FileEntry;
import dev.gate.image.fs.SquashedFilesystem;
import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import dev.gate.sbom.Unknown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What catalogers read (the filesystem, the distribution), the time they have, and where they put what
 * they find.
 */
public final class CatalogContext {

    private final SquashedFilesystem fs;
    private final OsRelease os;
    private final CatalogDeadline deadline;
    private final List<Package> packages = new ArrayList<>();
    private final List<Unknown> unknowns = new ArrayList<>();
    private final Map<String, List<String>> dependencies = new LinkedHashMap<>();

    public CatalogContext(SquashedFilesystem fs, OsRelease os, CatalogDeadline deadline) {
        this.fs = fs;
        this.os = os;
        this.deadline = deadline;
    }

    public SquashedFilesystem fs() {
        return fs;
    }

    /** The distribution, or null. */
    public OsRelease os() {
        return os;
    }

    public CatalogDeadline deadline() {
        return deadline;
    }

    /** Called between files: throws {@link CatalogDeadline.Exceeded} once the image's time budget is spent. */
    public void checkDeadline() {
        deadline.check();
    }

    public void add(Package p) {
        packages.add(p);
    }

    public void unknown(FileEntry file, String reason) {
        unknowns.add(new Unknown(file.path(), file.layer(), reason));
    }

    public void unknown(String path, String layer, String reason) {
        unknowns.add(new Unknown(path, layer, reason));
    }

    public void dependsOn(String purl, List<String> purls) {
        if (!purls.isEmpty()) {
            dependencies.computeIfAbsent(purl, k -> new ArrayList<>()).addAll(purls);
        }
    }

    public List<Package> packages() {
        return packages;
    }

    public List<Unknown> unknowns() {
        return unknowns;
    }

    public Map<String, List<String>> dependencies() {
        return dependencies;
    }
}
