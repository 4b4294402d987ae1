package dev.gate.policy.wasm;

import com.styra.opa.wasm.OpaBuiltin;
import com.styra.opa.wasm.builtins.Provided;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.rego.RegoEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The builtins a wasm module may import (those OPA's wasm library does not compile in) and who supplies each: gate's
 * own implementation, the one its Rego engine calls, so both engines share one per builtin; opa-java-wasm's only
 * where gate has none.
 */
final class WasmBuiltins {
    /** gate's placeholders for what its Rego evaluator does itself; a wasm module does these in its own code. */
    private static final Set<String> EVALUATOR_ONLY = Set.of("internal.member_2", "internal.member_3", "walk", "print");

    private static final BuiltinRegistry GATE_BUILTINS = RegoEngine.standardBuiltins();

    private WasmBuiltins() {}

    /** Every builtin offered to a module, gate's first; {@code call} is the evaluation in progress when one runs. */
    static List<OpaBuiltin.Builtin> offered(Supplier<GateBuiltin.WasmCall> call) {
        List<OpaBuiltin.Builtin> offered = new ArrayList<>();
        for (Map.Entry<String, BuiltinRegistry.Entry> e :
                GATE_BUILTINS.entries().entrySet()) {
            if (!EVALUATOR_ONLY.contains(e.getKey()))
                offered.add(new GateBuiltin(e.getKey(), e.getValue().function(), call));
        }
        for (OpaBuiltin.Builtin b : Provided.all())
            if (supplier(b.name()) == WasmEngine.Supplier.OPA_JAVA_WASM) offered.add(b);
        return offered;
    }

    static WasmEngine.Supplier supplier(String builtin) {
        if (GATE_BUILTINS.contains(builtin) && !EVALUATOR_ONLY.contains(builtin)) return WasmEngine.Supplier.GATE;
        return providedByOpaJavaWasm().contains(builtin) ? WasmEngine.Supplier.OPA_JAVA_WASM : WasmEngine.Supplier.NONE;
    }

    static Set<String> providedByOpaJavaWasm() {
        Set<String> names = new TreeSet<>();
        for (OpaBuiltin.Builtin b : Provided.all()) names.add(b.name());
        return names;
    }
}
