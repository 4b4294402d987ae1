package dev.gate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.Importer;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large scan looks its packages up in batches over two connections; a small one, one by one.
 * Both must find the same advisories: 600 real packages from the bulk exports, on their bounds.
 */
class BatchedLookupTest {

    private static final OsRelease ALMA_9 = new OsRelease("almalinux", "9.4", "AlmaLinux 9.4");
    private static final Map<String, String> TYPES =
            Map.of("Go.zip", "golang", "PyPI.zip", "pypi", "crates.io.zip", "cargo", "AlmaLinux-9.zip", "rpm");

    @Test
    void batchedAndSingleLookupsFindTheSame(@TempDir Path dir) throws Exception {
        Path bulk = SharedData.path("osv-bulk");
        Path db = dir.resolve("osv.db");
        List<Path> zips = TYPES.keySet().stream().sorted().map(bulk::resolve).toList();
        try (AdvisoryDb advisories = AdvisoryDb.openForWrite(db)) {
            new Importer(advisories, p -> {}).importPaths(zips);
        }
        List<Package> packages = new ArrayList<>();
        for (Path zip : zips) {
            packages.addAll(packagesOnBounds(zip, TYPES.get(zip.getFileName().toString()), 150));
        }
        Set<String> together;
        try (Scanner scanner = Scanner.open(db)) {
            together = findings(scanner.scan(packages, ALMA_9));
        }
        Set<String> oneByOne = new TreeSet<>();
        try (Scanner scanner = Scanner.open(db)) {
            for (Package p : packages) {
                oneByOne.addAll(findings(scanner.scan(List.of(p), ALMA_9)));
            }
        }
        assertTrue(together.size() > 600, "expected many findings, got " + together.size());
        assertEquals(oneByOne, together);
    }

    private static Set<String> findings(ScanResult result) {
        Set<String> lines = new TreeSet<>();
        result.findings()
                .forEach(f -> lines.add(f.pkg().name() + "@" + f.installedVersion() + " " + f.id() + " "
                        + new TreeSet<>(f.aliases()) + " fixed " + f.fixedVersions() + " "
                        + f.rating().severity()));
        return lines;
    }

    /** One package per record, at a version its events name, as the scan benchmark builds its SBOM. */
    private static List<Package> packagesOnBounds(Path zip, String type, int count) throws Exception {
        List<Package> packages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>(file.stream().toList());
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry entry : entries) {
                if (packages.size() >= count) {
                    break;
                }
                JsonNode record;
                try (InputStream in = file.getInputStream(entry)) {
                    record = json.readTree(in);
                }
                JsonNode affected = record.path("affected").path(0);
                String name = affected.path("package").path("name").asText();
                List<String> versions = new ArrayList<>();
                affected.path("ranges")
                        .forEach(r -> r.path("events")
                                .forEach(e -> e.fields().forEachRemaining(v -> {
                                    if (!"GIT".equals(r.path("type").asText())
                                            && !"0".equals(v.getValue().asText())) {
                                        versions.add(v.getValue().asText());
                                    }
                                })));
                if (name.isEmpty() || versions.isEmpty() || !seen.add(name)) {
                    continue;
                }
                String version = versions.get(packages.size() % versions.size());
                packages.add(new Package(
                        type,
                        null,
                        name,
                        type.equals("golang") ? "v" + version : version,
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        List.of()));
            }
        }
        return packages;
    }
}
