package dev.gate.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.GateException;
import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.DbInfo;
import dev.gate.scan.match.EcosystemResolver;
import dev.gate.scan.match.PackageMatcher;
import dev.gate.scan.match.PackageQuery;
import dev.gate.scan.osv.MalformedRecordException;
import dev.gate.scan.osv.OsvParser;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.version.Orderings;
import dev.gate.scan.version.VersionOrdering;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scanning API the CLI and the gate pipeline call:
 * {@code try (Scanner s = Scanner.open(db)) { ScanResult r = s.scan(packages, osRelease); }}.
 */
public final class Scanner implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdvisoryDb db;
    private final Map<String, List<OsvRecord>> cache = new HashMap<>();

    private Scanner(AdvisoryDb db) {
        this.db = db;
    }

    /** Opens an existing advisory database; a missing or corrupt one is an input error (exit 2). */
    public static Scanner open(Path database) {
        return new Scanner(AdvisoryDb.openExisting(database));
    }

    /** The default database: {@code $XDG_CACHE_HOME/gate/osv.db}, else {@code ~/.cache/gate/osv.db}. */
    public static Path defaultDatabase() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("gate").resolve("osv.db");
    }

    public DbInfo database() {
        return db.info();
    }

    public ScanResult scan(List<Package> packages, OsRelease os) {
        List<Finding> findings = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        int scanned = 0;
        for (Package pkg : packages) {
            var query = EcosystemResolver.resolve(pkg, os);
            if (query.isEmpty()) {
                warnings.add(unsupported(pkg, os));
                continue;
            }
            VersionOrdering ordering = Orderings.forEcosystem(query.get().ecosystem()).orElseThrow();
            if (query.get().version() == null || query.get().version().isBlank()) {
                warnings.add("package " + pkg.name() + " has no version; not scanned");
                continue;
            }
            if (!ordering.isValid(query.get().version())) {
                warnings.add("cannot parse " + query.get().ecosystem() + " version '" + query.get().version() + "' of "
                        + pkg.name() + "; only exact version matches are checked");
            }
            scanned++;
            findings.addAll(PackageMatcher.match(query.get(), ordering, candidates(query.get())));
        }
        findings.sort(Comparator.comparing((Finding f) -> f.rating().severity()).reversed()
                .thenComparing(f -> f.pkg().name()).thenComparing(Finding::id));
        return new ScanResult(findings, ScanResult.count(findings), new ArrayList<>(warnings), scanned, db.info());
    }

    private static String unsupported(Package pkg, OsRelease os) {
        String type = pkg.ecosystem();
        if (("deb".equals(type) || "apk".equals(type) || "rpm".equals(type))) {
            return "no advisories for " + type + " packages on " + (os == null || os.id() == null ? "an unknown distribution"
                    : os.id() + " " + os.versionId()) + "; those packages were not scanned";
        }
        return "ecosystem '" + type + "' is not supported; its packages were not scanned";
    }

    private List<OsvRecord> candidates(PackageQuery query) {
        List<OsvRecord> records = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : query.names()) {
            for (OsvRecord r : cache.computeIfAbsent(query.ecosystem() + "\0" + name, k -> load(query.ecosystem(), name))) {
                if (seen.add(r.id())) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    private List<OsvRecord> load(String ecosystem, String name) {
        List<OsvRecord> records = new ArrayList<>();
        for (byte[] json : db.advisoriesFor(ecosystem, name)) {
            try {
                records.add(OsvParser.parse(JSON.readTree(json)));
            } catch (IOException | MalformedRecordException e) {
                throw GateException.input("advisory database " + db.location() + " holds an unreadable record: " + e.getMessage());
            }
        }
        return records;
    }

    @Override
    public void close() {
        db.close();
    }
}
