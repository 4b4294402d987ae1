package dev.gate.policy.libraries;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gate.policy.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Trivy's checks ({@code trivy-policies}): the checks of one folder under {@code checks/}, their {@code _test.rego}
 * files (whose tests carry the inputs, {@code deny with input as ...}) and the shared {@code lib/} are a batch, asked
 * about an empty input so that each package's tests run. Trivy's own builtin {@code result.new(msg, cause)}, which OPA
 * does not have, is the one change to their text: a call of a Rego function of the same shape in a module added here.
 */
final class TrivyChecks {
    static final String RESULT_SHIM = """
            package gate.shim

            result_new(msg, cause) = {"msg": msg, "cause": cause}
            """;

    private TrivyChecks() {}

    static List<PolicyBatch> batches(Path link) throws IOException {
        Path library = link.toRealPath();
        List<PolicyEngine.Module> lib = modules(library, library.resolve("lib"));
        Map<Path, List<PolicyEngine.Module>> folders = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(library.resolve("checks"))) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".rego") && Files.isRegularFile(p))
                    .sorted()
                    .toList()) {
                folders.computeIfAbsent(f.getParent(), k -> new ArrayList<>()).add(module(library, f));
            }
        }
        List<PolicyBatch> out = new ArrayList<>();
        for (Map.Entry<Path, List<PolicyEngine.Module>> folder : folders.entrySet()) {
            List<PolicyEngine.Module> modules = new ArrayList<>(folder.getValue());
            modules.addAll(lib);
            modules.add(new PolicyEngine.Module("gate-shim.rego", RESULT_SHIM));
            out.add(new PolicyBatch(
                    link.getFileName() + "/" + library.relativize(folder.getKey()),
                    modules,
                    null,
                    List.of(JsonNodeFactory.instance.objectNode())));
        }
        return out;
    }

    private static List<PolicyEngine.Module> modules(Path library, Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<PolicyEngine.Module> out = new ArrayList<>();
            for (Path f : walk.filter(p -> p.toString().endsWith(".rego") && Files.isRegularFile(p))
                    .sorted()
                    .toList()) out.add(module(library, f));
            return out;
        }
    }

    private static PolicyEngine.Module module(Path library, Path f) throws IOException {
        return new PolicyEngine.Module(
                library.relativize(f).toString(),
                Files.readString(f).replace("result.new(", "data.gate.shim.result_new("));
    }
}
