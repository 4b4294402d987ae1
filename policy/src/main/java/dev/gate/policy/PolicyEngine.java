package dev.gate.policy;

import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the CLI needs of a policy backend: load Rego modules (or a compiled bundle) and data,
 * then evaluate a query against an input. Implementations: the Rego interpreter of this module
 * ({@link dev.gate.policy.rego.RegoEngine}) and OPA-compiled wasm bundles through opa-java-wasm
 * ({@link dev.gate.policy.wasm.WasmEngine}, which takes a bundle, not modules).
 */
public interface PolicyEngine {

    /**
     * A module's file name (for error locations), its source text, and the Rego dialect it is read in (null: the one
     * the engine reads modules in).
     */
    record Module(String fileName, String source, RegoVersion version) {
        public Module(String fileName, String source) { this(fileName, source, null); }
    }

    /** One result row: the value of each query expression and the query's variable bindings. */
    record ResultRow(List<Value> expressions, Map<String, Value> bindings) {
        public ResultRow {
            expressions = List.copyOf(expressions);
            bindings = Map.copyOf(bindings);
        }
    }

    /** Evaluation knobs: a bound on time, and whether builtin errors abort (OPA's strict-builtin-errors). */
    record Options(Duration timeout, boolean strictBuiltinErrors) {
        public static Options defaults() { return new Options(Duration.ofSeconds(5), false); }
    }

    /** Parses and compiles the modules; throws {@link PolicyException} naming file:line:col on errors. */
    void load(List<Module> modules, Value data);

    /** Evaluates a query; an empty list means undefined. */
    List<ResultRow> evaluate(String query, Value input, Options options);
}
