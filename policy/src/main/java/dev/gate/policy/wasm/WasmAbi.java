package dev.gate.policy.wasm;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.nio.file.Path;
import java.util.List;

/**
 * The OPA wasm ABI version a module declares in its {@code opa_wasm_abi_version} and
 * {@code opa_wasm_abi_minor_version} globals, read from the parsed module before anything runs: a module built for
 * an ABI opa-java-wasm does not speak would otherwise fail in the middle of an evaluation, or answer wrongly.
 */
record WasmAbi(int major, int minor) {
    /** opa-java-wasm 1.0 calls {@code opa_eval_ctx_*} and the 1.2 exports ({@code opa_eval}, heap stashing). */
    static final int MAJOR = 1;

    static final int MIN_MINOR = 2;

    static WasmAbi check(Path file, byte[] wasm) {
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (RuntimeException e) {
            // Chicory's parser meets bytes from outside: whatever it throws, the module is not one gate runs.
            throw new IllegalArgumentException(file + ": policy.wasm is not a valid wasm module: " + e.getMessage());
        }
        Integer major = globalExport(module, "opa_wasm_abi_version");
        Integer minor = globalExport(module, "opa_wasm_abi_minor_version");
        if (major == null)
            throw new IllegalArgumentException(file + ": not an OPA policy module (no opa_wasm_abi_version export)");
        WasmAbi abi = new WasmAbi(major, minor == null ? 0 : minor);
        if (abi.major != MAJOR || abi.minor < MIN_MINOR) {
            throw new IllegalArgumentException(file + ": built for OPA wasm ABI " + abi
                    + ", which gate (opa-java-wasm) does not run; " + "it runs ABI " + MAJOR + "." + MIN_MINOR
                    + " and later " + MAJOR + ".x (opa build -t wasm of OPA 0.30 or later)");
        }
        return abi;
    }

    /** The constant a module-defined global export starts with, or null when there is no such export. */
    private static Integer globalExport(WasmModule module, String name) {
        int importedGlobals = module.importSection().count(ExternalType.GLOBAL);
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            if (!e.name().equals(name) || e.exportType() != ExternalType.GLOBAL) continue;
            int index = e.index() - importedGlobals;
            if (index < 0 || index >= module.globalSection().globalCount()) return null;
            Global g = module.globalSection().getGlobal(index);
            List<Instruction> init = g.initInstructions();
            if (init.isEmpty() || init.get(0).opcode() != OpCode.I32_CONST) return null;
            return (int) init.get(0).operand(0);
        }
        return null;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
