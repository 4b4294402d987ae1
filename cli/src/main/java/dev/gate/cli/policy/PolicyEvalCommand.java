package dev.gate.cli.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.ExitCodes;
import dev.gate.errors.GateException;
import dev.gate.policy.Policies;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.Value;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gate policy eval}: the decision of the policies for an input document, or with {@code --query} the result set
 * in the shape {@code opa eval --format json} prints.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate policies (Rego, or an OPA wasm bundle) against an input document: the deny/warn decision, or a query's results.")
public final class PolicyEvalCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    RegoVersionOptions rego = new RegoVersionOptions();

    @Mixin
    SchemaOption schema = new SchemaOption();

    @Option(
            names = {"-p", "--policy"},
            required = true,
            paramLabel = "FILE|DIR",
            description =
                    "Rego files or folders (repeatable), or one bundle built by opa build -t wasm (bundle.tar.gz, policy.wasm).")
    List<Path> policies;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            defaultValue = "auto",
            description =
                    "rego (gate's interpreter, Rego sources), wasm (opa-java-wasm, a bundle), or auto: by what --policy names (default).")
    String engine;

    @Option(
            names = {"-d", "--data"},
            paramLabel = "FILE",
            description = "Data documents, JSON or YAML, merged under data (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(
            names = {"-i", "--input"},
            paramLabel = "FILE",
            description = "Input document, JSON or YAML; - reads JSON from standard input.")
    Path input;

    @Option(
            names = {"-q", "--query"},
            paramLabel = "QUERY",
            description = "A Rego query, e.g. data.gate.prod.deny_latest.")
    String query;

    @Option(
            names = "--namespace",
            paramLabel = "PKG",
            description = "Decide with this package only (default: every package).")
    String namespace;

    @Option(
            names = "--strict-builtin-errors",
            description = "A builtin error stops evaluation instead of making the expression undefined.")
    boolean strict;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5s",
            description = "Evaluation time limit (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--fail-on-warn", description = "Exit 1 on warnings too (decision mode).")
    boolean failOnWarn;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text or json.")
    Format output;

    @Override
    public Integer call() throws Exception {
        Duration limit = Durations.parse(timeout, "--timeout");
        Policies set = PolicyFiles.load(policies, data, engine(), rego.version(), schema.schemas());
        Value inputDoc = PolicyFiles.input(input);
        PrintWriter out = spec.commandLine().getOut();
        int code = query == null ? decide(set, inputDoc, limit, out) : query(set, inputDoc, limit, out);
        out.flush();
        return code;
    }

    private Policies.Engine engine() {
        return switch (engine) {
            case "auto" -> Policies.Engine.AUTO;
            case "rego" -> Policies.Engine.REGO;
            case "wasm" -> Policies.Engine.WASM;
            default -> throw GateException.input("--engine " + engine + ": expected rego, wasm or auto");
        };
    }

    private int decide(Policies set, Value inputDoc, Duration limit, PrintWriter out) throws Exception {
        if (inputDoc == null) throw GateException.input("--input is required to decide (or give --query)");
        Decision d = PolicyFiles.asInput(() -> set.decide(inputDoc, Optional.ofNullable(namespace), limit));
        if (output == Format.json)
            out.println(JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(dev.gate.policy.decision.DecisionJson.of(d, failOnWarn)));
        else DecisionText.print(d, out);
        return d.allowed(failOnWarn) ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private int query(Policies set, Value inputDoc, Duration limit, PrintWriter out) throws Exception {
        List<PolicyEngine.ResultRow> rows;
        try {
            rows = set.query(query, inputDoc, new PolicyEngine.Options(limit, strict));
        } catch (PolicyException e) {
            if (output == Format.json) {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(errorJson(e)));
                out.flush();
                return ExitCodes.INPUT;
            }
            throw e; // bad input already: Main prints its location and code
        }
        if (output == Format.json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(resultJson(rows)));
        } else if (rows.isEmpty()) {
            out.println("undefined");
        } else {
            for (PolicyEngine.ResultRow row : rows) out.println(text(row));
        }
        return ExitCodes.OK;
    }

    /** {@code {"result": [{"expressions": [{"value": ..., "text": ...}], "bindings": {...}}]}}; undefined is {@code {}}. */
    private ObjectNode resultJson(List<PolicyEngine.ResultRow> rows) {
        ObjectNode root = JSON.createObjectNode();
        if (rows.isEmpty()) return root;
        ArrayNode result = root.putArray("result");
        List<String> texts = QueryText.expressions(query);
        for (PolicyEngine.ResultRow row : rows) {
            ObjectNode r = result.addObject();
            ArrayNode exprs = r.putArray("expressions");
            for (int i = 0; i < row.expressions().size(); i++) {
                ObjectNode e = exprs.addObject();
                Value v = row.expressions().get(i);
                e.set("value", v == null ? null : JsonValues.toJson(v));
                e.put("text", i < texts.size() ? texts.get(i) : "");
            }
            if (!row.bindings().isEmpty()) {
                ObjectNode b = r.putObject("bindings");
                for (Map.Entry<String, Value> e : row.bindings().entrySet())
                    b.set(e.getKey(), JsonValues.toJson(e.getValue()));
            }
        }
        return root;
    }

    private static ObjectNode errorJson(PolicyException e) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode err = root.putArray("errors").addObject();
        err.put("code", e.code());
        err.put("message", e.getMessage());
        if (e.location() != null) {
            ObjectNode loc = err.putObject("location");
            String[] parts = e.location().split(":");
            int n = parts.length;
            if (n >= 3) loc.put("file", String.join(":", java.util.Arrays.copyOf(parts, n - 2)));
            if (n >= 2) {
                loc.put("row", Integer.parseInt(parts[n - 2]));
                loc.put("col", Integer.parseInt(parts[n - 1]));
            }
        }
        return root;
    }

    private static String text(PolicyEngine.ResultRow row) throws Exception {
        if (!row.bindings().isEmpty()) {
            ObjectNode b = JSON.createObjectNode();
            for (Map.Entry<String, Value> e : row.bindings().entrySet())
                b.set(e.getKey(), JsonValues.toJson(e.getValue()));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(b);
        }
        Value v = row.expressions().get(row.expressions().size() - 1);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JsonValues.toJson(v));
    }
}
