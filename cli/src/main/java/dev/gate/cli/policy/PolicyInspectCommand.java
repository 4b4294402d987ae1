package dev.gate.cli.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.ExitCodes;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.policy.wasm.Bundle;
import dev.gate.policy.wasm.WasmEngine;
import dev.gate.policy.wasm.WasmPolicies;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gate policy inspect BUNDLE}: what an OPA wasm bundle holds (entrypoints and what each is to the decision
 * contract, roots, revision, ABI, the builtins it imports and who supplies each) and whether gate can run it. Exit 0
 * when it can, 1 when it cannot, 2 when the file is no bundle at all.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Show an OPA wasm bundle's entrypoints, roots, revision and builtins, and whether gate can run it.")
public final class PolicyInspectCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "bundle.tar.gz (opa build -t wasm) or policy.wasm.")
    Path file;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text or json.")
    Format output;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) throw GateException.input(file + ": no such bundle file");
        if (!Bundle.isBundle(file))
            throw GateException.input(file + ": not a bundle (expected .tar.gz, .tgz or .wasm from opa build -t wasm)");
        WasmPolicies bundle = PolicyFiles.asInput(() -> WasmPolicies.inspect(Bundle.read(file)));
        Optional<String> refusal = bundle.refusal();
        PrintWriter out = spec.commandLine().getOut();
        if (output == Format.json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(bundle, refusal)));
        } else {
            text(bundle, refusal, out);
        }
        out.flush();
        return refusal.isEmpty() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private static void text(WasmPolicies p, Optional<String> refusal, PrintWriter out) {
        Bundle b = p.bundle();
        out.println("bundle:      " + SafeText.of(b.file().toString()));
        out.println("sha256:      " + b.sha256());
        out.println("abi:         " + p.engine().abi());
        out.println("revision:    "
                + (b.manifest().present() ? SafeText.of(b.manifest().revision()) : "(no .manifest)"));
        out.println("roots:       "
                + String.join(
                        ", ",
                        b.manifest().roots().stream()
                                .map(r -> "\"" + SafeText.of(r) + "\"")
                                .toList()));
        out.println("entrypoints:");
        for (Map.Entry<String, String> e : p.entrypointRoles().entrySet()) {
            out.printf("  %-40s %s%n", SafeText.of(e.getKey()), SafeText.of(e.getValue()));
        }
        out.println("builtins:" + (p.engine().importedBuiltins().isEmpty() ? "    none imported" : ""));
        for (String name : p.engine().importedBuiltins()) {
            out.printf("  %-40s %s%n", SafeText.of(name), supplier(name));
        }
        out.println("runs in gate: " + refusal.map(r -> "no: " + SafeText.of(r)).orElse("yes"));
    }

    private static ObjectNode json(WasmPolicies p, Optional<String> refusal) {
        Bundle b = p.bundle();
        ObjectNode root = JSON.createObjectNode();
        root.put("bundle", b.file().toString())
                .put("sha256", b.sha256())
                .put("abi", p.engine().abi());
        root.put("manifest", b.manifest().present())
                .put("revision", b.manifest().revision());
        b.manifest().roots().forEach(root.putArray("roots")::add);
        ObjectNode entrypoints = root.putObject("entrypoints");
        p.entrypointRoles().forEach(entrypoints::put);
        ObjectNode builtins = root.putObject("builtins");
        p.engine().importedBuiltins().forEach(name -> builtins.put(name, supplier(name)));
        root.put("runs", refusal.isEmpty());
        if (refusal.isPresent()) root.put("reason", refusal.get());
        return root;
    }

    private static String supplier(String builtin) {
        return switch (WasmEngine.supplier(builtin)) {
            case GATE -> "gate";
            case OPA_JAVA_WASM -> "opa-java-wasm";
            case NONE -> "missing";
        };
    }
}
