package dev.gate.policy.wasm;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.decision.RuleDoc;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OPA-compiled wasm module run through opa-java-wasm (on Chicory), behind {@link PolicyEngine}. Builtins the
 * module imports (those OPA's wasm library does not compile in) are gate's own implementations, the ones its Rego
 * engine calls, and opa-java-wasm's only where gate has none; a module importing a builtin neither has is refused
 * when it is loaded. Evaluations run one at a time (an instance has one
 * heap) on a thread of their own, bounded by the timeout and by the module's memory limit.
 *
 * <p>{@link WasmBuiltins} says who supplies each builtin, {@link WasmInstance} speaks OPA's wasm ABI to the module,
 * {@link BoundedEvaluations} bounds each evaluation and {@link DeclaredSources} reads the Rego packed beside it.
 */
public final class WasmEngine implements PolicyEngine {
    /** 512 MiB of wasm memory (64 KiB pages): a module that wants more is stopped rather than growing the JVM's heap. */
    public static final int DEFAULT_MAX_MEMORY_PAGES = 8192;

    private final Bundle bundle;
    private final WasmAbi abi;
    private final WasmInstance instance;
    private final BoundedEvaluations evaluations;
    private volatile DeclaredSources sources;

    private WasmEngine(Bundle bundle, WasmAbi abi, WasmInstance instance, BoundedEvaluations evaluations) {
        this.bundle = bundle;
        this.abi = abi;
        this.instance = instance;
        this.evaluations = evaluations;
    }

    /**
     * Checks the module's ABI, instantiates it with {@code data} (the bundle's merged with {@code --data}) and refuses
     * a module whose builtins cannot all be supplied. Throws {@link IllegalArgumentException} naming the bundle file.
     */
    public static WasmEngine load(Bundle bundle, Value data, int maxMemoryPages) {
        WasmEngine engine = instantiate(bundle, data, maxMemoryPages);
        List<String> missing = engine.missingBuiltins();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    bundle.file() + ": policy.wasm calls " + (missing.size() == 1 ? "builtin " : "builtins ")
                            + String.join(", ", missing) + ", which neither gate nor opa-java-wasm provides");
        }
        return engine;
    }

    /** As {@link #load} without refusing missing builtins: for inspecting a bundle. */
    public static WasmEngine instantiate(Bundle bundle, Value data, int maxMemoryPages) {
        WasmAbi abi = WasmAbi.check(bundle.file(), bundle.wasm());
        BoundedEvaluations evaluations = new BoundedEvaluations(bundle.file(), maxMemoryPages);
        WasmInstance instance =
                WasmInstance.load(bundle, data, maxMemoryPages, WasmBuiltins.offered(evaluations::current));
        return new WasmEngine(bundle, abi, instance, evaluations);
    }

    /** Who implements a builtin for wasm modules. */
    public enum Supplier {
        GATE,
        OPA_JAVA_WASM,
        NONE
    }

    public static Supplier supplier(String builtin) {
        return WasmBuiltins.supplier(builtin);
    }

    /** Imported builtins no one supplies; a module calling one is refused by {@link #load}. */
    public List<String> missingBuiltins() {
        return importedBuiltins().stream()
                .filter(b -> supplier(b) == Supplier.NONE)
                .toList();
    }

    /** The builtins opa-java-wasm implements itself. */
    public static Set<String> providedByOpaJavaWasm() {
        return WasmBuiltins.providedByOpaJavaWasm();
    }

    public Bundle bundle() {
        return bundle;
    }

    public String abi() {
        return abi.toString();
    }

    /** Entrypoint paths ({@code gate/prod/deny}) as the module lists them. */
    public List<String> entrypoints() {
        return List.copyOf(instance.entrypoints());
    }

    /** Builtins the module imports (those it does not implement in its own code). */
    public List<String> importedBuiltins() {
        return instance.importedBuiltins();
    }

    @Override
    public void load(List<Module> modules, Value data) {
        throw new UnsupportedOperationException(
                "the wasm engine runs compiled bundles (opa build -t wasm); it compiles no Rego");
    }

    /**
     * What the Rego sources packed in the bundle declare. {@code opa build -t wasm} rewrites them (compiled rules leave
     * them), so this tells packages, the rules that remain and their METADATA, not every rule the module evaluates.
     */
    @Override
    public Outline outline() {
        return declaredSources().outline();
    }

    @Override
    public RuleDoc ruleDoc(String pkg, String rule) {
        return declaredSources().docs().of(pkg, rule);
    }

    /** Parsed on first use: evaluating needs no source. */
    private DeclaredSources declaredSources() {
        DeclaredSources parsed = sources;
        if (parsed == null) {
            parsed = DeclaredSources.of(bundle);
            sources = parsed;
        }
        return parsed;
    }

    /** A query naming an entrypoint, as {@code data.gate.prod.deny} or {@code gate/prod/deny}: one row with its value. */
    @Override
    public List<ResultRow> evaluate(String query, Value input, Options options) {
        String entrypoint = entrypointOf(query);
        Value v = evaluate(List.of(entrypoint), input, options).get(entrypoint);
        return v == null ? List.of() : List.of(new ResultRow(List.of(v), Map.of()));
    }

    private String entrypointOf(String query) {
        String q = query.trim();
        String path = q.startsWith("data.") ? q.substring(5).replace('.', '/') : q;
        if (!instance.entrypoints().contains(path)) {
            throw new PolicyException(
                    "eval_error",
                    bundle.file() + ": " + query + " is not an entrypoint of the module (entrypoints: "
                            + String.join(", ", instance.entrypoints()) + ")",
                    null);
        }
        return path;
    }

    /**
     * The values of several entrypoints for one input, which is parsed into the module once; an undefined entrypoint
     * is absent from the map. Throws {@link PolicyException} when the module aborts, traps, runs out of memory or
     * time.
     */
    public synchronized Map<String, Value> evaluate(List<String> names, Value input, Options options) {
        for (String n : names)
            if (!instance.entrypoints().contains(n)) throw new IllegalArgumentException("no entrypoint " + n);
        return evaluations.run(() -> instance.evaluate(names, input), options);
    }
}
