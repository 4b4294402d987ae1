package dev.gate.scan.match;

import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.osv.PackageNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record with its {@code affected[]} entries indexed by ecosystem and normalized name: a kernel
 * advisory lists a hundred subpackages, and scanning each entry for every package was the cost.
 * Range events are sorted here once, so matching many packages against it never re-sorts.
 */
public record IndexedRecord(OsvRecord record, Map<String, List<Affected>> byPackage) {

    public static IndexedRecord of(OsvRecord record) {
        Map<String, List<Affected>> index = new HashMap<>();
        for (Affected a : record.affected()) {
            if (a.ecosystem() != null) {
                index.computeIfAbsent(key(a.ecosystem(), PackageNames.normalize(a.ecosystem(), a.name())),
                        k -> new ArrayList<>()).add(RangeEvaluator.withSortedEvents(a));
            }
        }
        return new IndexedRecord(record, index);
    }

    public List<Affected> entriesFor(String ecosystem, String normalizedName) {
        return byPackage.getOrDefault(key(ecosystem, normalizedName), List.of());
    }

    private static String key(String ecosystem, String name) {
        return ecosystem + '\0' + name;
    }
}
