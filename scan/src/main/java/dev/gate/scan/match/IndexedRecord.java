package dev.gate.scan.match;

import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.osv.PackageNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A record with its {@code affected[]} entries indexed by ecosystem and normalized name: a kernel
 * advisory lists a hundred subpackages, and scanning each entry for every package was the cost.
 * Range events are sorted once per package, the first time that package is matched: sorting
 * parses every event version, and most entries of a large advisory are never matched at all.
 */
public final class IndexedRecord {

    private final OsvRecord record;
    private final Map<String, List<Affected>> byPackage;
    private final Map<String, List<Affected>> sorted = new ConcurrentHashMap<>();

    private IndexedRecord(OsvRecord record, Map<String, List<Affected>> byPackage) {
        this.record = record;
        this.byPackage = byPackage;
    }

    public static IndexedRecord of(OsvRecord record) {
        Map<String, List<Affected>> index = new HashMap<>();
        for (Affected a : record.affected()) {
            if (a.ecosystem() != null) {
                index.computeIfAbsent(
                                key(a.ecosystem(), PackageNames.normalize(a.ecosystem(), a.name())),
                                k -> new ArrayList<>())
                        .add(a);
            }
        }
        return new IndexedRecord(record, index);
    }

    public OsvRecord record() {
        return record;
    }

    public List<Affected> entriesFor(String ecosystem, String normalizedName) {
        String key = key(ecosystem, normalizedName);
        List<Affected> entries = byPackage.get(key);
        if (entries == null) {
            return List.of();
        }
        return sorted.computeIfAbsent(
                key, k -> entries.stream().map(RangeEvaluator::withSortedEvents).toList());
    }

    private static String key(String ecosystem, String name) {
        return ecosystem + '\0' + name;
    }
}
