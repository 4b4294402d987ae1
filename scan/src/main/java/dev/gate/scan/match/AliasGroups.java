package dev.gate.scan.match;

import dev.gate.scan.osv.OsvRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the advisories matched for one package so that records naming each other (by id,
 * {@code aliases} or {@code upstream}) or sharing an alias become one vulnerability.
 */
final class AliasGroups {

    private final Map<String, String> parent = new HashMap<>();

    private String find(String x) {
        parent.putIfAbsent(x, x);
        String root = x;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        parent.put(x, root);
        return root;
    }

    private void union(String a, String b) {
        String ra = find(a);
        String rb = find(b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }

    static List<List<OsvRecord>> group(List<OsvRecord> records) {
        AliasGroups groups = new AliasGroups();
        for (OsvRecord r : records) {
            groups.find(r.id());
            r.aliases().forEach(alias -> groups.union(r.id(), alias));
            r.upstream().forEach(up -> groups.union(r.id(), up));
        }
        Map<String, List<OsvRecord>> byRoot = new LinkedHashMap<>();
        for (OsvRecord r : records) {
            byRoot.computeIfAbsent(groups.find(r.id()), k -> new ArrayList<>()).add(r);
        }
        return new ArrayList<>(byRoot.values());
    }
}
