package dev.gate.policy.wasm;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.styra.opa.wasm.DefaultMappers;
import com.styra.opa.wasm.OpaAbortException;
import com.styra.opa.wasm.OpaBuiltin;
import com.styra.opa.wasm.OpaWasm;
import com.styra.opa.wasm.builtins.Provided;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.builtins.BuiltinContext;
import dev.gate.policy.builtins.BuiltinException;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.decision.RuleDoc;
import dev.gate.policy.decision.RuleDocs;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.rego.SourceOutline;
import dev.gate.policy.syntax.Parser;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An OPA-compiled wasm module run through opa-java-wasm (on Chicory), behind {@link PolicyEngine}. Builtins the
 * module imports (those OPA's wasm library does not compile in) are gate's own implementations, the ones its Rego
 * engine calls, and opa-java-wasm's only where gate has none; a module importing a builtin neither has is refused
 * when it is loaded. Evaluations run one at a time (an instance has one
 * heap) on a thread of their own, bounded by the timeout and by the module's memory limit.
 */
public final class WasmEngine implements PolicyEngine {
    /** 512 MiB of wasm memory (64 KiB pages): a module that wants more is stopped rather than growing the JVM's heap. */
    public static final int DEFAULT_MAX_MEMORY_PAGES = 8192;

    private static final int INITIAL_MEMORY_PAGES = 16;
    private static final long STACK_BYTES = 512L * 1024 * 1024;
    /** gate's placeholders for what its Rego evaluator does itself; a wasm module does these in its own code. */
    private static final Set<String> EVALUATOR_ONLY = Set.of("internal.member_2", "internal.member_3", "walk", "print");

    private static final BuiltinRegistry GATE_BUILTINS = RegoEngine.standardBuiltins();

    private final Bundle bundle;
    private final WasmAbi abi;
    private final OpaWasm wasm;
    private final Map<String, Integer> entrypoints;
    private final List<String> importedBuiltins;
    private final int dataAddress;
    private final int baseHeap;
    private final int maxMemoryPages;
    private volatile GateBuiltin.WasmCall current;
    private volatile DeclaredSources sources;
    private Thread previous;

    private WasmEngine(Bundle bundle, WasmAbi abi, OpaWasm wasm, Value data, int maxMemoryPages) {
        this.bundle = bundle;
        this.maxMemoryPages = maxMemoryPages;
        this.abi = abi;
        this.wasm = wasm;
        this.entrypoints = readEntrypoints(wasm);
        this.importedBuiltins = readImportedBuiltins(wasm);
        this.dataAddress = parseJson(data);
        this.baseHeap = wasm.exports().opaHeapPtrGet();
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
        WasmEngine[] self = new WasmEngine[1];
        List<OpaBuiltin.Builtin> offered = new ArrayList<>();
        for (Map.Entry<String, BuiltinRegistry.Entry> e :
                GATE_BUILTINS.entries().entrySet()) {
            if (!EVALUATOR_ONLY.contains(e.getKey()))
                offered.add(new GateBuiltin(e.getKey(), e.getValue().function(), () -> self[0].current));
        }
        // gate's implementation first, so both engines share one per builtin; opa-java-wasm's only where gate has none.
        for (OpaBuiltin.Builtin b : Provided.all()) if (supplier(b.name()) == Supplier.OPA_JAVA_WASM) offered.add(b);
        OpaWasm wasm;
        try {
            wasm = OpaWasm.builder()
                    .withInputStream(bundle.wasmStream())
                    .withJsonMapper(DefaultMappers.jsonMapper)
                    .withYamlMapper(DefaultMappers.yamlMapper)
                    .withMemory(new ByteBufferMemory(new MemoryLimits(INITIAL_MEMORY_PAGES, maxMemoryPages)))
                    .withDefaultBuiltins(false)
                    .addBuiltins(offered.toArray(OpaBuiltin.Builtin[]::new))
                    .build();
        } catch (ChicoryException | OpaAbortException e) {
            throw new IllegalArgumentException(
                    bundle.file() + ": policy.wasm cannot be instantiated: " + e.getMessage());
        }
        try {
            self[0] = new WasmEngine(bundle, abi, wasm, data, maxMemoryPages);
        } catch (ChicoryException | OpaAbortException e) {
            throw new IllegalArgumentException(
                    bundle.file() + ": policy.wasm failed while loading its data: " + e.getMessage());
        }
        return self[0];
    }

    /** Who implements a builtin for wasm modules. */
    public enum Supplier {
        GATE,
        OPA_JAVA_WASM,
        NONE
    }

    public static Supplier supplier(String builtin) {
        if (GATE_BUILTINS.contains(builtin) && !EVALUATOR_ONLY.contains(builtin)) return Supplier.GATE;
        return providedByOpaJavaWasm().contains(builtin) ? Supplier.OPA_JAVA_WASM : Supplier.NONE;
    }

    /** Imported builtins no one supplies; a module calling one is refused by {@link #load}. */
    public List<String> missingBuiltins() {
        return importedBuiltins.stream()
                .filter(b -> supplier(b) == Supplier.NONE)
                .toList();
    }

    /** The builtins opa-java-wasm implements itself. */
    public static Set<String> providedByOpaJavaWasm() {
        Set<String> names = new TreeSet<>();
        for (OpaBuiltin.Builtin b : Provided.all()) names.add(b.name());
        return names;
    }

    public Bundle bundle() {
        return bundle;
    }

    public String abi() {
        return abi.toString();
    }

    /** Entrypoint paths ({@code gate/prod/deny}) as the module lists them. */
    public List<String> entrypoints() {
        return List.copyOf(entrypoints.keySet());
    }

    /** Builtins the module imports (those it does not implement in its own code). */
    public List<String> importedBuiltins() {
        return importedBuiltins;
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

    private record DeclaredSources(Outline outline, RuleDocs docs) {}

    /** Parsed on first use: evaluating needs no source. */
    private DeclaredSources declaredSources() {
        DeclaredSources parsed = sources;
        if (parsed == null) {
            List<dev.gate.policy.ast.Module> modules = new ArrayList<>();
            for (Bundle.Source s : bundle.sources()) {
                try {
                    modules.add(Parser.parseModule(new Source(s.path(), s.text())));
                } catch (RuntimeException e) {
                    // A source gate's parser cannot read still runs as wasm; only its package's rule list is lost.
                }
            }
            parsed = new DeclaredSources(SourceOutline.of(modules), new RuleDocs(modules));
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
        if (!entrypoints.containsKey(path)) {
            throw new PolicyException(
                    "eval_error",
                    bundle.file() + ": " + query + " is not an entrypoint of the module (entrypoints: "
                            + String.join(", ", entrypoints.keySet()) + ")",
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
            if (!entrypoints.containsKey(n)) throw new IllegalArgumentException("no entrypoint " + n);
        waitForPrevious();
        long timeoutNanos = options.timeout().toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        current = call(deadline, options.strictBuiltinErrors());
        FutureTask<Map<String, Value>> task = new FutureTask<>(() -> run(names, input));
        Thread thread = new Thread(null, task, "wasm-eval", STACK_BYTES);
        thread.setDaemon(true);
        previous = thread;
        thread.start();
        try {
            return task.get(timeoutNanos + TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw timeLimit(options);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new PolicyException("eval_cancel_error", "evaluation interrupted", null);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), options);
        }
    }

    private Map<String, Value> run(List<String> names, Value input) {
        OpaWasm w = wasm;
        try {
            w.exports().opaHeapPtrSet(baseHeap);
            int inputAddress = input == null ? 0 : parseJson(input);
            Map<String, Value> out = new LinkedHashMap<>();
            for (String name : names) {
                int ctx = w.exports().opaEvalCtxNew();
                if (input != null) w.exports().opaEvalCtxSetInput(ctx, inputAddress);
                w.exports().opaEvalCtxSetData(ctx, dataAddress);
                w.exports().opaEvalCtxSetEntrypoint(ctx, entrypoints.get(name));
                int code = w.exports().eval(ctx);
                if (code != 0)
                    throw new PolicyException(
                            "eval_error",
                            bundle.file() + ": policy.wasm failed evaluating " + name + " (OPA wasm error " + code
                                    + ")",
                            null);
                Value result = resultOf(GateBuiltin.read(w, w.exports().opaEvalCtxGetResult(ctx)));
                if (result != null) out.put(name, result);
            }
            return out;
        } finally {
            w.exports().opaHeapPtrSet(baseHeap);
        }
    }

    /** A module's result set holds at most one {@code {"result": value}}; none means undefined. */
    private static Value resultOf(Value set) {
        Collection<Value> rows =
                set instanceof SetValue s ? s.elements() : set instanceof ArrayValue a ? a.elements() : List.of();
        for (Value row : rows) if (row instanceof ObjectValue o && o.get("result") != null) return o.get("result");
        return null;
    }

    private GateBuiltin.WasmCall call(long deadline, boolean strict) {
        BuiltinContext context = BuiltinContext.bounded(
                Instant.now(),
                deadline,
                () -> new PolicyException("eval_cancel_error", "evaluation exceeded its time limit", null));
        return new GateBuiltin.WasmCall() {
            @Override
            public BuiltinContext context() {
                return context;
            }

            @Override
            public boolean strictErrors() {
                return strict;
            }
        };
    }

    /** A timed-out evaluation may still be unwinding inside a builtin; the instance is used again only once it has. */
    private void waitForPrevious() {
        if (previous == null || !previous.isAlive()) return;
        try {
            previous.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (previous.isAlive())
            throw new PolicyException(
                    "eval_cancel_error",
                    bundle.file() + ": an evaluation that ran out of time still holds the wasm instance",
                    null);
    }

    private PolicyException timeLimit(PolicyEngine.Options options) {
        return new PolicyException(
                "eval_cancel_error",
                bundle.file() + ": policy.wasm exceeded the time limit of "
                        + options.timeout().toMillis() + " ms",
                null);
    }

    private PolicyException failure(Throwable cause, PolicyEngine.Options options) {
        String file = bundle.file().toString();
        if (cause instanceof ChicoryInterruptedException) return timeLimit(options);
        if (cause instanceof PolicyException pe) {
            return pe.code().equals("eval_cancel_error") ? timeLimit(options) : pe;
        }
        if (cause instanceof BuiltinException be) return new PolicyException(be.code(), be.getMessage(), null);
        if (cause instanceof OpaAbortException) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("malloc") || message.contains("memory")) {
                return new PolicyException(
                        "eval_error",
                        file + ": policy.wasm ran out of memory (limit " + maxMemoryPages / 16 + " MiB): " + message,
                        null);
            }
            return new PolicyException("eval_error", file + ": policy.wasm aborted: " + message, null);
        }
        if (cause instanceof ChicoryException)
            return new PolicyException("eval_error", file + ": policy.wasm trapped: " + cause.getMessage(), null);
        if (cause instanceof StackOverflowError)
            return new PolicyException("eval_error", file + ": policy.wasm nested too deeply", null);
        if (cause instanceof OutOfMemoryError)
            return new PolicyException("eval_error", file + ": policy.wasm ran out of memory", null);
        return new PolicyException("eval_internal_error", file + ": policy.wasm: " + cause, null);
    }

    /** Parses a value into the module's heap as JSON (input and data are JSON documents). */
    private int parseJson(Value value) {
        byte[] bytes = value.toJson().getBytes(StandardCharsets.UTF_8);
        int address = wasm.exports().opaMalloc(bytes.length);
        wasm.memory().write(address, bytes);
        int parsed = wasm.exports().opaJsonParse(address, bytes.length);
        wasm.exports().opaFree(address);
        if (parsed == 0)
            throw new PolicyException(
                    "eval_error", bundle.file() + ": policy.wasm could not parse a document handed to it", null);
        return parsed;
    }

    private static Map<String, Integer> readEntrypoints(OpaWasm wasm) {
        Map<String, Integer> out = new TreeMap<>();
        Value v = GateBuiltin.read(wasm, wasm.exports().entrypoints());
        if (v instanceof ObjectValue o) {
            o.entries().forEach((k, id) -> {
                if (id instanceof dev.gate.policy.value.NumberValue n && n.intValueExact() != null) {
                    out.put(((dev.gate.policy.value.StringValue) k).value(), n.intValueExact());
                }
            });
        }
        return out;
    }

    private static List<String> readImportedBuiltins(OpaWasm wasm) {
        Value v = GateBuiltin.read(wasm, wasm.exports().builtins());
        List<String> out = new ArrayList<>();
        if (v instanceof ObjectValue o)
            o.entries().keySet().forEach(k -> out.add(((dev.gate.policy.value.StringValue) k).value()));
        return List.copyOf(out);
    }
}
