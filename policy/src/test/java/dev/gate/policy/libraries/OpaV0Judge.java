package dev.gate.policy.libraries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.PolicyEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code opa eval --v0-compatible} as the judge of a batch. To spare a process per input, one query asks for every
 * package on every input ({@code c0 := input[0]; r0_0 := [x | x := data.p with input as c0]}; a comprehension is
 * never undefined, so one undefined document cannot hide the rest). When that query fails, each package and input is
 * asked on its own with {@code --input}, as a user would; a failure to load the modules is every outcome's.
 */
final class OpaV0Judge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INPUTS_PER_QUERY = 40;

    private final Path opa;
    private final Path work;
    private int batches;

    OpaV0Judge(Path opa, Path work) {
        this.opa = opa;
        this.work = work;
    }

    /** Each package query's outcomes, one per input, in the batch's order. */
    Map<String, List<Outcome>> judge(PolicyBatch batch) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("batch-" + batches++));
        List<String> loaded = write(batch, dir);
        List<String> queries = batch.packageQueries();
        Map<String, List<Outcome>> out = new LinkedHashMap<>();
        for (String q : queries) out.put(q, new ArrayList<>());
        // OPA compiles a query of many `with` literals in more than linear time: a few dozen inputs a process.
        for (int from = 0; from < batch.inputs().size(); from += INPUTS_PER_QUERY) {
            List<JsonNode> chunk = batch.inputs()
                    .subList(
                            from,
                            Math.min(from + INPUTS_PER_QUERY, batch.inputs().size()));
            Path inputFile = Files.writeString(
                    dir.resolve("inputs.json"),
                    JSON.createArrayNode().addAll(chunk).toString());
            StringBuilder query = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++)
                query.append("c").append(i).append(" := input[").append(i).append("]\n");
            for (int p = 0; p < queries.size(); p++) {
                for (int i = 0; i < chunk.size(); i++) {
                    query.append('r')
                            .append(p)
                            .append('_')
                            .append(i)
                            .append(" := [x | x := ")
                            .append(queries.get(p))
                            .append(" with input as c")
                            .append(i)
                            .append("]\n");
                }
            }
            JsonNode all = eval(loaded, inputFile, query.toString());
            String failure = errorCode(all);
            for (int p = 0; p < queries.size(); p++) {
                for (int i = 0; i < chunk.size(); i++) {
                    Outcome outcome;
                    if (failure == null) {
                        JsonNode found = all.at("/result/0/bindings/r" + p + "_" + i);
                        outcome = found.isEmpty() ? Outcome.UNDEFINED : Outcome.of(found.get(0));
                    } else if (failure.startsWith("rego_")) {
                        outcome = Outcome.error(failure); // the modules did not load: no query can change that
                    } else {
                        outcome = single(loaded, dir, chunk.get(i), queries.get(p));
                    }
                    out.get(queries.get(p)).add(outcome);
                }
            }
        }
        return out;
    }

    /** One package on one input, asked on its own: what a user running {@code opa eval --input FILE data.p} sees. */
    Outcome alone(PolicyBatch batch, String query, JsonNode input) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("batch-" + batches++));
        return single(write(batch, dir), dir, input, query);
    }

    private static List<String> write(PolicyBatch batch, Path dir) throws IOException {
        List<String> loaded = new ArrayList<>();
        for (int i = 0; i < batch.modules().size(); i++) {
            PolicyEngine.Module m = batch.modules().get(i);
            loaded.add(Files.writeString(dir.resolve("m" + i + ".rego"), m.source())
                    .toString());
        }
        if (batch.data() != null)
            loaded.add(Files.writeString(dir.resolve("data.json"), batch.data().toString())
                    .toString());
        return loaded;
    }

    private Outcome single(List<String> loaded, Path dir, JsonNode input, String query)
            throws IOException, InterruptedException {
        Path inputFile = Files.writeString(dir.resolve("input.json"), input.toString());
        JsonNode result = eval(loaded, inputFile, query);
        String failure = errorCode(result);
        if (failure != null) return Outcome.error(failure);
        JsonNode value = result.at("/result/0/expressions/0/value");
        return value.isMissingNode() ? Outcome.UNDEFINED : Outcome.of(value);
    }

    private JsonNode eval(List<String> loaded, Path input, String query) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(opa.toString(), "eval", "--v0-compatible", "--format", "json", "--timeout", "120s"));
        for (String f : loaded) command.addAll(List.of("--data", f));
        command.addAll(List.of("--input", input.toString(), query));
        Path err = Files.createTempFile(work, "opa", ".err");
        Process process =
                new ProcessBuilder(command).redirectError(err.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("opa eval did not finish: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (text.isBlank()) throw new IllegalStateException("opa eval said nothing: " + Files.readString(err));
        return JSON.readTree(text);
    }

    private static String errorCode(JsonNode result) {
        JsonNode errors = result.path("errors");
        return errors.isArray() && !errors.isEmpty()
                ? errors.get(0).path("code").asText("unknown")
                : null;
    }
}
