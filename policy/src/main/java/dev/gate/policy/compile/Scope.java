package dev.gate.policy.compile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Variables visible at one nesting level; nested levels rename what they declare so it cannot clash. */
final class Scope {
    final Scope parent;
    final boolean nested;
    final Set<String> declared = new HashSet<>();
    final Map<String, String> renamed = new HashMap<>();

    Scope(Scope parent, boolean nested) {
        this.parent = parent;
        this.nested = nested;
    }

    String lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            String r = s.renamed.get(name);
            if (r != null) return r;
            if (s.declared.contains(name)) return name;
        }
        return null;
    }

    void declareNested(String name) {
        if (name.startsWith("$")) return;
        renamed.put(name, name + "$" + Compiler.RENAMES.incrementAndGet());
    }
}
