package dev.gate.policy;

import dev.gate.policy.decision.Decision;
import dev.gate.policy.value.Value;
import dev.gate.policy.wasm.Bundle;
import dev.gate.policy.wasm.WasmPolicies;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Loaded policies as the gate uses them, whichever engine runs them: Rego sources through gate's interpreter
 * ({@link PolicySet}) or an OPA-compiled wasm bundle ({@link WasmPolicies}). Both answer the same decision contract.
 */
public interface Policies {

    /** Which engine evaluates: by what the policy files are ({@code AUTO}), or as asked. */
    enum Engine {
        AUTO,
        REGO,
        WASM
    }

    /**
     * What a decision record says of the engine: its name ({@code rego} or {@code wasm}), and for a bundle its SHA-256,
     * revision and roots.
     */
    record EngineInfo(String engine, String bundleSha256, String revision, List<String> roots) {
        public EngineInfo {
            roots = roots == null ? List.of() : List.copyOf(roots);
        }

        public static EngineInfo rego() {
            return new EngineInfo("rego", null, null, List.of());
        }
    }

    List<PolicySet.LoadedFile> policyFiles();

    List<PolicySet.LoadedFile> dataFiles();

    EngineInfo engineInfo();

    /** Fails ({@link PolicyException}, code {@code no_decision_rules}) when a decision would evaluate no rule. */
    void requireDecisionRules(Optional<String> namespace);

    Decision decide(Value input, Optional<String> namespace, Duration timeout);

    /** A query's result rows (for a bundle, a query names an entrypoint). */
    List<PolicyEngine.ResultRow> query(String query, Value input, PolicyEngine.Options options);

    /**
     * Loads Rego sources, or one bundle ({@code .tar.gz}, {@code .tgz}, {@code .wasm}) given alone. {@code WASM} takes
     * only a bundle (gate compiles no wasm); {@code REGO} takes only Rego sources.
     */
    static Policies load(List<Path> policyPaths, List<Path> dataFiles, Engine engine, PrintStream printOut) {
        return load(policyPaths, dataFiles, engine, printOut, dev.gate.policy.syntax.RegoVersion.V1);
    }

    /** {@code version}: the Rego dialect of source files that do not say; a wasm bundle is compiled already. */
    static Policies load(
            List<Path> policyPaths,
            List<Path> dataFiles,
            Engine engine,
            PrintStream printOut,
            dev.gate.policy.syntax.RegoVersion version) {
        return load(policyPaths, dataFiles, engine, printOut, version, dev.gate.policy.compile.InputSchemas.NONE);
    }

    /** As above, Rego sources type-checked against input schemas; a wasm bundle was checked when it was built. */
    static Policies load(
            List<Path> policyPaths,
            List<Path> dataFiles,
            Engine engine,
            PrintStream printOut,
            dev.gate.policy.syntax.RegoVersion version,
            dev.gate.policy.compile.InputSchemas schemas) {
        List<Path> bundles = policyPaths.stream().filter(Bundle::isBundle).toList();
        if (bundles.isEmpty()) {
            if (engine == Engine.WASM) {
                throw new IllegalArgumentException(
                        "--engine wasm takes a bundle built by opa build -t wasm (bundle.tar.gz or policy.wasm), not "
                                + policyPaths.get(0) + "; gate compiles no wasm itself");
            }
            return PolicySet.load(policyPaths, dataFiles, false, printOut, version, schemas);
        }
        if (policyPaths.size() > 1) {
            throw new IllegalArgumentException(bundles.get(0) + ": a bundle is a whole policy; give it alone, not with "
                    + policyPaths.stream()
                            .filter(p -> !p.equals(bundles.get(0)))
                            .findFirst()
                            .orElseThrow());
        }
        Bundle bundle = Bundle.read(bundles.get(0));
        if (engine == Engine.REGO) {
            // opa build -t wasm rewrites the Rego it packs (compiled rules leave it): there is no source to run.
            throw new IllegalArgumentException(
                    bundle.file() + ": --engine rego runs Rego sources; a wasm bundle carries only what opa build left "
                            + "of them, so give the .rego files (or --engine wasm)");
        }
        return WasmPolicies.load(bundle, dataFiles, printOut);
    }
}
