package dev.gate.policy.libraries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.PolicyEngine;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Policies of a library evaluated together: their modules (file name and text), the data loaded with them (null for
 * none), and the input documents every package is asked about.
 */
record PolicyBatch(String name, List<PolicyEngine.Module> modules, JsonNode data, List<JsonNode> inputs) {
    private static final Pattern PACKAGE =
            Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*(?:#.*)?$");

    PolicyBatch {
        modules = List.copyOf(modules);
        inputs = List.copyOf(inputs);
    }

    /** The packages the modules declare, as {@code data.a.b} queries, each once. */
    List<String> packageQueries() {
        TreeSet<String> out = new TreeSet<>();
        for (PolicyEngine.Module m : modules) {
            Matcher matcher = PACKAGE.matcher(m.source());
            if (matcher.find()) out.add("data." + matcher.group(1));
        }
        return List.copyOf(out);
    }
}
