package dev.gate.policy.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.eval.Coverage;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs OPA conformance cases (YAML files as in OPA's test/cases/testdata) against gate's Rego engine. As a command:
 * {@code ConformanceRunner DIR [--repro DIR]} prints results per folder, a closing {@code N passed, M failed} line,
 * and writes one repro file per failing case.
 */
public final class ConformanceRunner {
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(SerializationFeature.INDENT_OUTPUT);

    /** The result of one case; {@code detail} says what was wanted and what came out when it failed. */
    public record Outcome(ConformanceCase testCase, boolean passed, String detail) {}

    private ConformanceRunner() {}

    public static Outcome run(ConformanceCase c) {
        return run(c, RegoVersion.V1);
    }

    /** Runs a case with its modules read in the given dialect (OPA's v0 cases are v0 modules). */
    public static Outcome run(ConformanceCase c, RegoVersion version) {
        return run(c, version, null);
    }

    /** As {@link #run(ConformanceCase, RegoVersion)}, recording line coverage into {@code coverage} when not null. */
    public static Outcome run(ConformanceCase c, RegoVersion version, Coverage coverage) {
        try {
            RegoEngine engine = new RegoEngine(null).regoVersion(version).dataConflictCheck(false);
            List<PolicyEngine.Module> modules = new ArrayList<>();
            for (int i = 0; i < c.modules().size(); i++)
                modules.add(new PolicyEngine.Module(
                        "test-" + i + ".rego", c.modules().get(i)));
            Value data = c.data() == null || c.data().isNull() ? ObjectValue.EMPTY : JsonValues.fromJson(c.data());
            engine.load(modules, data);
            Value input = c.input() != null
                    ? JsonValues.fromJson(c.input())
                    : c.inputTerm() != null ? engine.evaluateTerm(c.inputTerm()) : null;
            List<PolicyEngine.ResultRow> rows = engine.evaluate(
                    c.query(), input, new PolicyEngine.Options(CASE_TIMEOUT, c.strictError()), coverage);
            List<Value> got = new ArrayList<>();
            for (PolicyEngine.ResultRow row : rows) got.add(ObjectValue.ofStrings(row.bindings()));
            if (c.expectsError())
                return new Outcome(
                        c, false, "wanted error " + c.wantErrorCode() + " " + c.wantError() + ", got rows " + got);
            if (ResultMatcher.matches(c.wantResult(), got, c.sortBindings())) return new Outcome(c, true, "");
            return new Outcome(c, false, "wanted " + c.wantResult() + ", got " + got);
        } catch (PolicyException e) {
            if (!c.expectsError()) return new Outcome(c, false, "unexpected error " + e.code() + ": " + e.getMessage());
            boolean codeOk = c.wantErrorCode() == null || c.wantErrorCode().equals(e.code());
            boolean messageOk = c.wantError() == null || RenamedMessages.contains(opaText(e), c.wantError());
            if (codeOk && messageOk) return new Outcome(c, true, "");
            return new Outcome(
                    c,
                    false,
                    "wanted error " + c.wantErrorCode() + " \"" + c.wantError() + "\", got " + e.code() + ": "
                            + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(c, false, "crash: " + e);
        }
    }

    /** The error as OPA prints it: {@code file:line: code: message} when the location is known. */
    private static String opaText(PolicyException e) {
        String text = e.code() + ": " + e.getMessage();
        String loc = e.location();
        if (loc == null) return text;
        int lastColon = loc.lastIndexOf(':');
        return (lastColon > 0 ? loc.substring(0, lastColon) : loc) + ": " + text;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ConformanceRunner DIR [--repro DIR] [--passing FILE] [--rego-version v0|v1]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path repro = null, passing = null;
        RegoVersion version = RegoVersion.V1;
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (args[i].equals("--repro")) repro = Path.of(args[i + 1]);
            else if (args[i].equals("--passing")) passing = Path.of(args[i + 1]);
            else if (args[i].equals("--rego-version")) version = RegoVersion.parse(args[i + 1]);
        }
        int failed = report(root, repro, passing, version, System.out);
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs every case under {@code root}, prints the summary, writes repro files; returns the number of failures. */
    public static int report(Path root, Path reproDir, Path passingList, RegoVersion version, PrintStream out)
            throws IOException {
        List<ConformanceCase> cases = ConformanceCase.loadAll(root);
        Map<String, int[]> perFolder = new TreeMap<>();
        java.util.TreeSet<String> passingIds = new java.util.TreeSet<>();
        int passed = 0, failed = 0;
        for (ConformanceCase c : cases) {
            Outcome o = run(c, version);
            int[] counts = perFolder.computeIfAbsent(c.folder(root), k -> new int[2]);
            if (o.passed()) {
                passed++;
                counts[0]++;
                passingIds.add(c.id(root));
                continue;
            }
            failed++;
            counts[1]++;
            if (reproDir != null) writeRepro(reproDir, root, o);
        }
        for (Map.Entry<String, int[]> e : perFolder.entrySet()) {
            int[] c = e.getValue();
            out.printf("%-40s %4d passed %4d failed%n", e.getKey(), c[0], c[1]);
        }
        out.println(passed + " passed, " + failed + " failed");
        if (passingList != null) Files.write(passingList, passingIds);
        return failed;
    }

    private static void writeRepro(Path dir, Path root, Outcome o) throws IOException {
        ConformanceCase c = o.testCase();
        Files.createDirectories(dir);
        String name = c.id(root).replaceAll("[^A-Za-z0-9._-]+", "_");
        ObjectNode doc = YAML.createObjectNode();
        doc.put("note", c.note());
        doc.put("file", root.relativize(c.file()).toString());
        doc.put("query", c.query());
        doc.set("modules", YAML.valueToTree(c.modules()));
        if (c.data() != null) doc.set("data", c.data());
        if (c.input() != null) doc.set("input", c.input());
        if (c.inputTerm() != null) doc.put("input_term", c.inputTerm());
        JsonNode want = c.wantResult();
        if (want != null) doc.set("want_result", want);
        if (c.wantErrorCode() != null) doc.put("want_error_code", c.wantErrorCode());
        if (c.wantError() != null) doc.put("want_error", c.wantError());
        doc.put("strict_error", c.strictError());
        doc.put("failure", o.detail());
        Files.writeString(dir.resolve(name + ".yaml"), YAML.writeValueAsString(doc));
    }
}
