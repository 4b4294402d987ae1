package dev.gate.scan.match;

import dev.gate.scan.Finding;
import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.severity.SeverityRater;
import dev.gate.scan.severity.SeverityRating;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Evaluates the candidate advisories of one package and makes one finding per vulnerability. */
public final class PackageMatcher {

    private PackageMatcher() {}

    /** A record that affects the package, with what that entry says about fixes and severity. */
    private record Hit(OsvRecord record, String matchedName, List<String> fixed, SeverityRating rating) {}

    public static List<Finding> match(PackageQuery query, RangeEvaluator evaluator, List<IndexedRecord> candidates) {
        List<Hit> hits = new ArrayList<>();
        for (IndexedRecord record : candidates) {
            Hit hit = evaluate(query, evaluator, record);
            if (hit != null) {
                hits.add(hit);
            }
        }
        Map<OsvRecord, Hit> byRecord = new IdentityHashMap<>();
        hits.forEach(h -> byRecord.put(h.record(), h));
        List<Finding> findings = new ArrayList<>();
        for (List<OsvRecord> group :
                AliasGroups.group(hits.stream().map(Hit::record).toList())) {
            findings.add(merge(query, group.stream().map(byRecord::get).toList()));
        }
        return findings;
    }

    private static Hit evaluate(PackageQuery query, RangeEvaluator evaluator, IndexedRecord indexed) {
        Set<String> fixed = new LinkedHashSet<>();
        SeverityRating rating = null;
        String matchedName = null;
        for (String name : query.names()) {
            for (Affected affected : indexed.entriesFor(query.ecosystem(), name)) {
                if (!evaluator.isAffected(affected, query.version())) {
                    continue;
                }
                fixed.addAll(evaluator.fixedFor(affected, query.version()));
                SeverityRating r = SeverityRater.rate(indexed.record(), affected);
                if (rating == null || r.isMoreSevereThan(rating)) {
                    rating = r;
                }
                matchedName = matchedName == null ? affected.name() : matchedName;
            }
        }
        return rating == null ? null : new Hit(indexed.record(), matchedName, new ArrayList<>(fixed), rating);
    }

    private static Finding merge(PackageQuery query, List<Hit> group) {
        List<Hit> members = group.stream()
                .sorted(Comparator.comparing((Hit h) -> preference(h.record().id()))
                        .thenComparing(h -> h.record().id()))
                .toList();
        Hit primary = members.get(0);
        Set<String> aliases = new LinkedHashSet<>();
        Set<String> fixed = new LinkedHashSet<>();
        SeverityRating rating = primary.rating();
        String summary = primary.record().summary();
        for (Hit h : members) {
            aliases.add(h.record().id());
            aliases.addAll(h.record().aliases());
            aliases.addAll(h.record().upstream());
            fixed.addAll(h.fixed());
            if (h.rating().isMoreSevereThan(rating)) {
                rating = h.rating();
            }
            summary = summary != null ? summary : h.record().summary();
        }
        aliases.remove(primary.record().id());
        return new Finding(
                primary.record().id(),
                new ArrayList<>(aliases),
                rating,
                summary,
                query.pkg(),
                query.ecosystem(),
                primary.matchedName(),
                query.version(),
                new ArrayList<>(fixed),
                primary.record().published());
    }

    /** Which id of an alias group to show: the ecosystem's own or GHSA over PYSEC over bare CVE ids. */
    private static int preference(String id) {
        if (id.startsWith("CVE-")) {
            return 3;
        }
        if (id.startsWith("PYSEC-")) {
            return 2;
        }
        return id.startsWith("GHSA-") ? 1 : 0;
    }
}
