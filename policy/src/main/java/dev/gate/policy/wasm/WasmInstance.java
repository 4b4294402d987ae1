package dev.gate.policy.wasm;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.styra.opa.wasm.DefaultMappers;
import com.styra.opa.wasm.OpaAbortException;
import com.styra.opa.wasm.OpaBuiltin;
import com.styra.opa.wasm.OpaWasm;
import dev.gate.policy.PolicyException;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An instantiated OPA wasm module, spoken to through OPA's wasm ABI: the entrypoints and builtins it lists, its data
 * parsed into its heap once, and evaluation contexts that run entrypoints on an input. The heap is reset after every
 * evaluation, so what an input or a result took is given back.
 */
final class WasmInstance {
    private static final int INITIAL_MEMORY_PAGES = 16;

    private final Path file;
    private final OpaWasm wasm;
    private final Map<String, Integer> entrypoints;
    private final List<String> importedBuiltins;
    private final int dataAddress;
    private final int baseHeap;

    private WasmInstance(Path file, OpaWasm wasm, Value data) {
        this.file = file;
        this.wasm = wasm;
        this.entrypoints = readEntrypoints(wasm);
        this.importedBuiltins = readImportedBuiltins(wasm);
        this.dataAddress = parseJson(data);
        this.baseHeap = wasm.exports().opaHeapPtrGet();
    }

    /**
     * Instantiates the bundle's module with the builtins offered, in at most {@code maxMemoryPages} of memory, and
     * parses {@code data} into it. Throws {@link IllegalArgumentException} naming the bundle file.
     */
    static WasmInstance load(Bundle bundle, Value data, int maxMemoryPages, List<OpaBuiltin.Builtin> builtins) {
        OpaWasm wasm;
        try {
            wasm = OpaWasm.builder()
                    .withInputStream(bundle.wasmStream())
                    .withJsonMapper(DefaultMappers.jsonMapper)
                    .withYamlMapper(DefaultMappers.yamlMapper)
                    .withMemory(new ByteBufferMemory(new MemoryLimits(INITIAL_MEMORY_PAGES, maxMemoryPages)))
                    .withDefaultBuiltins(false)
                    .addBuiltins(builtins.toArray(OpaBuiltin.Builtin[]::new))
                    .build();
        } catch (ChicoryException | OpaAbortException e) {
            throw new IllegalArgumentException(
                    bundle.file() + ": policy.wasm cannot be instantiated: " + e.getMessage());
        }
        try {
            return new WasmInstance(bundle.file(), wasm, data);
        } catch (ChicoryException | OpaAbortException e) {
            throw new IllegalArgumentException(
                    bundle.file() + ": policy.wasm failed while loading its data: " + e.getMessage());
        }
    }

    /** Entrypoint paths ({@code gate/prod/deny}) in order. */
    Set<String> entrypoints() {
        return entrypoints.keySet();
    }

    /** Builtins the module imports (those it does not implement in its own code). */
    List<String> importedBuiltins() {
        return importedBuiltins;
    }

    /**
     * The values of the named entrypoints for one input, which is parsed into the heap once; an undefined entrypoint
     * is absent from the map. Not to be called while another evaluation runs: the instance has one heap.
     */
    Map<String, Value> evaluate(List<String> names, Value input) {
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
                            file + ": policy.wasm failed evaluating " + name + " (OPA wasm error " + code + ")",
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

    /** Parses a value into the module's heap as JSON (input and data are JSON documents). */
    private int parseJson(Value value) {
        byte[] bytes = value.toJson().getBytes(StandardCharsets.UTF_8);
        int address = wasm.exports().opaMalloc(bytes.length);
        wasm.memory().write(address, bytes);
        int parsed = wasm.exports().opaJsonParse(address, bytes.length);
        wasm.exports().opaFree(address);
        if (parsed == 0)
            throw new PolicyException(
                    "eval_error", file + ": policy.wasm could not parse a document handed to it", null);
        return parsed;
    }

    private static Map<String, Integer> readEntrypoints(OpaWasm wasm) {
        Map<String, Integer> out = new TreeMap<>();
        Value v = GateBuiltin.read(wasm, wasm.exports().entrypoints());
        if (v instanceof ObjectValue o) {
            o.entries().forEach((k, id) -> {
                if (id instanceof NumberValue n && n.intValueExact() != null) {
                    out.put(((StringValue) k).value(), n.intValueExact());
                }
            });
        }
        return out;
    }

    private static List<String> readImportedBuiltins(OpaWasm wasm) {
        Value v = GateBuiltin.read(wasm, wasm.exports().builtins());
        List<String> out = new ArrayList<>();
        if (v instanceof ObjectValue o) o.entries().keySet().forEach(k -> out.add(((StringValue) k).value()));
        return List.copyOf(out);
    }
}
