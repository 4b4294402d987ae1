package dev.gate.policy.wasm;

import com.styra.opa.wasm.OpaBuiltin;
import com.styra.opa.wasm.OpaWasm;
import dev.gate.policy.builtins.BuiltinContext;
import dev.gate.policy.builtins.BuiltinException;
import dev.gate.policy.builtins.BuiltinFunction;
import dev.gate.policy.value.RegoText;
import dev.gate.policy.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One of gate's builtin implementations offered to a wasm module that imports it: the same function the Rego engine
 * calls, so both engines answer alike. Values cross as Rego text ({@code opa_value_dump} / {@code opa_value_parse}),
 * which keeps sets sets. As in OPA, a builtin error makes the call undefined unless errors are strict.
 */
final class GateBuiltin implements OpaBuiltin.Builtin {
    /** What the module sees of an undefined result: OPA's wasm code treats a null value pointer as undefined. */
    private static final int UNDEFINED = 0;

    private final String name;
    private final BuiltinFunction function;
    private final Supplier<WasmCall> call;

    /** {@code call} is the evaluation in progress: its clock, cache, deadline and error mode. */
    GateBuiltin(String name, BuiltinFunction function, Supplier<WasmCall> call) {
        this.name = name;
        this.function = function;
        this.call = call;
    }

    /** The evaluation a builtin runs in. */
    interface WasmCall {
        BuiltinContext context();

        boolean strictErrors();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int asBuiltin0(OpaWasm wasm) {
        return apply(wasm);
    }

    @Override
    public int asBuiltin1(OpaWasm wasm, int a) {
        return apply(wasm, a);
    }

    @Override
    public int asBuiltin2(OpaWasm wasm, int a, int b) {
        return apply(wasm, a, b);
    }

    @Override
    public int asBuiltin3(OpaWasm wasm, int a, int b, int c) {
        return apply(wasm, a, b, c);
    }

    @Override
    public int asBuiltin4(OpaWasm wasm, int a, int b, int c, int d) {
        return apply(wasm, a, b, c, d);
    }

    private int apply(OpaWasm wasm, int... addresses) {
        WasmCall current = call.get();
        current.context().checkDeadline();
        List<Value> args = new ArrayList<>(addresses.length);
        for (int address : addresses) args.add(read(wasm, address));
        Value result;
        try {
            result = function.call(current.context(), args);
        } catch (BuiltinException e) {
            if (current.strictErrors()) throw e;
            return UNDEFINED;
        }
        return result == null ? UNDEFINED : write(wasm, result);
    }

    static Value read(OpaWasm wasm, int address) {
        int text = wasm.exports().opaValueDump(address);
        try {
            return OpaValueText.parse(wasm.memory().readCString(text));
        } finally {
            wasm.exports().opaFree(text);
        }
    }

    static int write(OpaWasm wasm, Value value) {
        byte[] bytes = RegoText.term(value).getBytes(StandardCharsets.UTF_8);
        int address = wasm.exports().opaMalloc(bytes.length);
        wasm.memory().write(address, bytes);
        int parsed = wasm.exports().opaValueParse(address, bytes.length);
        wasm.exports().opaFree(address);
        return parsed;
    }
}
