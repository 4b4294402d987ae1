package dev.gate.scan;

import dev.gate.image.GateException;
import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.DbInfo;
import dev.gate.scan.match.EcosystemResolver;
import dev.gate.scan.match.IndexedRecord;
import dev.gate.scan.match.PackageMatcher;
import dev.gate.scan.match.PackageQuery;
import dev.gate.scan.match.RangeEvaluator;
import dev.gate.scan.osv.MalformedRecordException;
import dev.gate.scan.osv.RecordCodec;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.version.Orderings;
import dev.gate.scan.version.VersionOrdering;
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

    private final AdvisoryDb db;
    private final Map<String, List<IndexedRecord>> cache = new HashMap<>();
    private final Map<String, RangeEvaluator> evaluators = new HashMap<>();
    /** Records by id: one AlmaLinux advisory names dozens of packages and is parsed once. */
    private final Map<String, IndexedRecord> parsed = new HashMap<>();
    private DbInfo info;

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
        if (info == null) {
            info = db.info();
        }
        return info;
    }

    /** One package ready to match: its lookup, the ordering's evaluator and its candidate advisories. */
    private record Job(PackageQuery query, RangeEvaluator evaluator, List<IndexedRecord> candidates) {
    }

    /**
     * Looks candidates up one package at a time (one database connection), then matches the
     * packages in parallel: matching is pure computation over immutable records.
     */
    public ScanResult scan(List<Package> packages, OsRelease os) {
        Set<String> warnings = new LinkedHashSet<>();
        List<Job> jobs = new ArrayList<>();
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
            RangeEvaluator evaluator = evaluators.computeIfAbsent(query.get().ecosystem(), k -> new RangeEvaluator(ordering));
            jobs.add(new Job(query.get(), evaluator, candidates(query.get())));
        }
        List<Finding> findings = new ArrayList<>(jobs.parallelStream()
                .flatMap(job -> PackageMatcher.match(job.query(), job.evaluator(), job.candidates()).stream())
                .toList());
        findings.sort(Comparator.comparing((Finding f) -> f.rating().severity()).reversed()
                .thenComparing(f -> f.pkg().name()).thenComparing(Finding::id));
        return new ScanResult(findings, ScanResult.count(findings), new ArrayList<>(warnings), jobs.size(), database());
    }

    private static String unsupported(Package pkg, OsRelease os) {
        String type = pkg.ecosystem();
        if (("deb".equals(type) || "apk".equals(type) || "rpm".equals(type))) {
            return "no advisories for " + type + " packages on " + (os == null || os.id() == null ? "an unknown distribution"
                    : os.id() + " " + os.versionId()) + "; those packages were not scanned";
        }
        return "ecosystem '" + type + "' is not supported; its packages were not scanned";
    }

    private List<IndexedRecord> candidates(PackageQuery query) {
        List<IndexedRecord> records = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : query.names()) {
            for (IndexedRecord r : cache.computeIfAbsent(query.ecosystem() + "\0" + name, k -> load(query.ecosystem(), name))) {
                if (seen.add(r.record().id())) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    private List<IndexedRecord> load(String ecosystem, String name) {
        List<IndexedRecord> records = new ArrayList<>();
        db.advisoriesFor(ecosystem, name, id -> !parsed.containsKey(id), (id, json) -> {
            IndexedRecord record = json == null ? parsed.get(id) : IndexedRecord.of(parse(json));
            if (record != null) {
                parsed.put(id, record);
                records.add(record);
            }
        });
        return records;
    }

    private OsvRecord parse(byte[] json) {
        try {
            return RecordCodec.decode(json);
        } catch (MalformedRecordException e) {
            throw GateException.input("advisory database " + db.location() + " holds an unreadable record: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
