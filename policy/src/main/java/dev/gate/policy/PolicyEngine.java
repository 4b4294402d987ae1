package dev.gate.policy;

import dev.gate.policy.coverage.CoverageReport;
import dev.gate.policy.decision.RuleDoc;
import dev.gate.policy.eval.Coverage;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the gate needs of a policy backend: load Rego modules (or a compiled bundle) and data, tell which packages and
 * rules the policies declare and what their METADATA says, then evaluate a query against an input. The decision
 * contract, {@link PolicySet} and the policy test runner ask no more of an engine than this. Implementations: the Rego interpreter of this module
 * ({@link dev.gate.policy.rego.RegoEngine}) and OPA-compiled wasm bundles through opa-java-wasm
 * ({@link dev.gate.policy.wasm.WasmEngine}, which takes a bundle, not modules).
 */
public interface PolicyEngine {

    /**
     * A module's file name (for error locations), its source text, and the Rego dialect it is read in (null: the one
     * the engine reads modules in).
     */
    record Module(String fileName, String source, RegoVersion version) {
        public Module(String fileName, String source) {
            this(fileName, source, null);
        }
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
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), false);
        }
    }

    /**
     * A rule that a reference into {@code data} reaches by its name (not a function, not a multi-part head): its
     * package, its name, and where its first definition is written ({@code file:line:col}).
     */
    record RuleInfo(String pkg, String name, String location) {}

    /**
     * What the loaded policies declare, in load order: their files (each once), their packages (each once, in the
     * order they first appear) and their rules ({@link RuleInfo}, the first definition of each package and name).
     */
    record Outline(List<String> files, List<String> packages, List<RuleInfo> rules) {
        public static final Outline EMPTY = new Outline(List.of(), List.of(), List.of());

        public Outline {
            files = List.copyOf(files);
            packages = List.copyOf(packages);
            rules = List.copyOf(rules);
        }
    }

    /** Parses and compiles the modules; throws {@link PolicyException} naming file:line:col on errors. */
    void load(List<Module> modules, Value data);

    /** Evaluates a query; an empty list means undefined. */
    List<ResultRow> evaluate(String query, Value input, Options options);

    /**
     * As {@link #evaluate(String, Value, Options)}, recording into {@code coverage} (when not null) what the evaluation
     * reached; an engine that cannot observe its evaluation records nothing.
     */
    default List<ResultRow> evaluate(String query, Value input, Options options, Coverage coverage) {
        return evaluate(query, input, options);
    }

    /** The packages, rules and files of what was loaded; {@link Outline#EMPTY} before anything is. */
    Outline outline();

    /**
     * What the METADATA blocks say of a rule: its own, its document's, then its package's and the enclosing
     * subpackages' ({@link RuleDoc#NONE} when none does). A rule the sources do not declare still gets its package's.
     */
    RuleDoc ruleDoc(String pkg, String rule);

    /** The line coverage of the loaded policy files from what {@code coverage} recorded; no files when there are no sources. */
    default CoverageReport coverage(Coverage coverage) {
        return new CoverageReport(Map.of());
    }
}
