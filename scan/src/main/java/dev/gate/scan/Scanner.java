package dev.gate.scan;

import dev.gate.errors.GateException;
import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.DbInfo;
import dev.gate.scan.db.GateCache;
import dev.gate.scan.match.EcosystemResolver;
import dev.gate.scan.match.IndexedRecord;
import dev.gate.scan.match.PackageMatcher;
import dev.gate.scan.match.PackageQuery;
import dev.gate.scan.match.RangeEvaluator;
import dev.gate.scan.osv.MalformedRecordException;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.osv.RecordCodec;
import dev.gate.scan.version.Orderings;
import dev.gate.scan.version.VersionOrdering;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scanning API the CLI and the gate pipeline call:
 * {@code try (Scanner s = Scanner.open(db)) { ScanResult r = s.scan(packages, osRelease); }}.
 */
public final class Scanner implements AutoCloseable {

    private static final int PARALLEL_LOOKUP_THRESHOLD = 200;

    private final AdvisoryDb db;
    private final Map<String, List<IndexedRecord>> cache = new ConcurrentHashMap<>();
    private final Map<String, RangeEvaluator> evaluators = new HashMap<>();
    /** Records by id: one AlmaLinux advisory names dozens of packages and is parsed once. */
    private final Map<String, IndexedRecord> parsed = new ConcurrentHashMap<>();

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
        return GateCache.folder().resolve("osv.db");
    }

    public DbInfo database() {
        if (info == null) {
            info = db.info();
        }
        return info;
    }

    /** One package ready to match: its lookup, the ordering's evaluator and its candidate advisories. */
    private record Job(PackageQuery query, RangeEvaluator evaluator, List<IndexedRecord> candidates) {}

    /**
     * Looks the candidates up (over two connections for large scans, see {@link #prefetch}), then
     * matches the packages in parallel: matching is pure computation over immutable records.
     * One scan at a time per Scanner.
     */
    public ScanResult scan(List<Package> packages, OsRelease os) {
        Set<String> warnings = new LinkedHashSet<>();
        List<PackageQuery> queries = new ArrayList<>();
        for (Package pkg : packages) {
            var query = EcosystemResolver.resolve(pkg, os);
            if (query.isEmpty()) {
                warnings.add(unsupported(pkg, os));
                continue;
            }
            VersionOrdering ordering =
                    Orderings.forEcosystem(query.get().ecosystem()).orElseThrow();
            if (query.get().version() == null || query.get().version().isBlank()) {
                warnings.add("package " + pkg.name() + " has no version; not scanned");
                continue;
            }
            if (!ordering.isValid(query.get().version())) {
                warnings.add("cannot parse " + query.get().ecosystem() + " version '"
                        + query.get().version() + "' of " + pkg.name() + "; only exact version matches are checked");
            }
            queries.add(query.get());
        }
        prefetch(queries);
        List<Job> jobs = new ArrayList<>();
        for (PackageQuery query : queries) {
            RangeEvaluator evaluator = evaluators.computeIfAbsent(
                    query.ecosystem(),
                    k -> new RangeEvaluator(Orderings.forEcosystem(k).orElseThrow()));
            jobs.add(new Job(query, evaluator, candidates(query)));
        }
        List<Finding> findings = new ArrayList<>(jobs.parallelStream()
                .flatMap(job -> PackageMatcher.match(job.query(), job.evaluator(), job.candidates()).stream())
                .toList());
        findings.sort(Comparator.comparing((Finding f) -> f.rating().severity())
                .reversed()
                .thenComparing(f -> f.pkg().name())
                .thenComparing(Finding::id));
        return new ScanResult(findings, ScanResult.count(findings), new ArrayList<>(warnings), jobs.size(), database());
    }

    /**
     * Loads the candidates of many packages with two database connections at once, in batched
     * lookups of up to {@link AdvisoryDb#BATCH} names: reading and decoding records is half of a
     * large scan. Small scans stay on one thread and look packages up one by one.
     */
    private void prefetch(List<PackageQuery> queries) {
        Map<String, List<String>> namesByEcosystem = new java.util.TreeMap<>();
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (PackageQuery query : queries) {
            for (String name : query.names()) {
                String key = key(query.ecosystem(), name);
                if (!cache.containsKey(key) && seen.add(key)) {
                    namesByEcosystem
                            .computeIfAbsent(query.ecosystem(), k -> new ArrayList<>())
                            .add(name);
                    count++;
                }
            }
        }
        if (count < PARALLEL_LOOKUP_THRESHOLD) {
            return; // candidates() loads them one by one
        }
        List<Batch> batches = new ArrayList<>();
        namesByEcosystem.forEach((ecosystem, names) -> {
            for (int from = 0; from < names.size(); from += AdvisoryDb.BATCH) {
                batches.add(new Batch(ecosystem, names.subList(from, Math.min(names.size(), from + AdvisoryDb.BATCH))));
            }
        });
        List<Batch> second = batches.subList(batches.size() / 2, batches.size());
        CompletableFuture<Void> helper = CompletableFuture.runAsync(() -> {
            try (AdvisoryDb other = AdvisoryDb.openExisting(db.location())) {
                second.forEach(batch -> loadBatch(other, batch));
            }
        });
        batches.subList(0, batches.size() / 2).forEach(batch -> loadBatch(db, batch));
        try {
            helper.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof GateException g ? g : e;
        }
    }

    /** Names of one ecosystem looked up together. */
    private record Batch(String ecosystem, List<String> names) {}

    private void loadBatch(AdvisoryDb from, Batch batch) {
        Map<String, List<IndexedRecord>> found = new HashMap<>();
        batch.names().forEach(name -> found.put(name, new ArrayList<>()));
        from.advisoriesFor(batch.ecosystem(), batch.names(), id -> !parsed.containsKey(id), (name, id, json) -> {
            IndexedRecord record = resolve(id, json);
            List<IndexedRecord> records = found.get(name);
            if (record != null && records != null) {
                records.add(record);
            }
        });
        found.forEach((name, records) -> cache.put(key(batch.ecosystem(), name), records));
    }

    private static String key(String ecosystem, String name) {
        return ecosystem + "\0" + name;
    }

    private static String unsupported(Package pkg, OsRelease os) {
        String type = pkg.ecosystem();
        if (("deb".equals(type) || "apk".equals(type) || "rpm".equals(type))) {
            return "no advisories for " + type + " packages on "
                    + (os == null || os.id() == null ? "an unknown distribution" : os.id() + " " + os.versionId())
                    + "; those packages were not scanned";
        }
        if ("maven".equals(type)) {
            return "Maven packages without a group were not scanned: a name alone could take another group's advisories";
        }
        return "ecosystem '" + type + "' is not supported; its packages were not scanned";
    }

    private List<IndexedRecord> candidates(PackageQuery query) {
        List<IndexedRecord> records = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : query.names()) {
            for (IndexedRecord r :
                    cache.computeIfAbsent(key(query.ecosystem(), name), k -> load(db, query.ecosystem(), name))) {
                if (seen.add(r.record().id())) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    private List<IndexedRecord> load(AdvisoryDb from, String ecosystem, String name) {
        List<IndexedRecord> records = new ArrayList<>();
        from.advisoriesFor(ecosystem, name, id -> !parsed.containsKey(id), (id, json) -> {
            IndexedRecord record = resolve(id, json);
            if (record != null) {
                records.add(record);
            }
        });
        return records;
    }

    /** The record of {@code id}: decoded from {@code json}, or (json null) the one another lookup decoded. */
    private IndexedRecord resolve(String id, byte[] json) {
        return json == null ? parsed.get(id) : parsed.computeIfAbsent(id, k -> IndexedRecord.of(parse(json)));
    }

    private OsvRecord parse(byte[] json) {
        try {
            return RecordCodec.decode(json);
        } catch (MalformedRecordException e) {
            throw GateException.input(
                    "advisory database " + db.location() + " holds an unreadable record: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
