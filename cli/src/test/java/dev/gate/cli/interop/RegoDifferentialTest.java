package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opa eval} judges the Rego engine on generated programs ({@link RegoPrograms}): for each, the value of the whole
 * package, or the code of the error that stops it, must be the same in {@code gate policy eval}. Seeded and bounded:
 * {@code -Dgate.rego.seed=N} and {@code -Dgate.rego.programs=N} run other or more programs on demand; a disagreement
 * prints the program and its input, to be kept as a regression case.
 */
class RegoDifferentialTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("gate.rego.seed", 20261202L);
    private static final int PROGRAMS = Integer.getInteger("gate.rego.programs", 300);
    /** How gate reports a module it cannot compile, in every output format: {@code gate: rego_parse_error: FILE:ROW:COL: ...}. */
    private static final Pattern TEXT_ERROR = Pattern.compile("^gate: (rego_\\w+): ", Pattern.MULTILINE);
    /** One error of {@code gate policy check}: {@code rego_type_error: FILE:ROW:COL: message}. */
    private static final Pattern CHECK_ERROR = Pattern.compile("^(rego_\\w+): [^\\n]*?:(\\d+):\\d+: ", Pattern.MULTILINE);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("gate.rego.seconds", 45L));

    @TempDir
    Path dir;

    @Test
    void gateAndOpaAgreeOnGeneratedPrograms() throws Exception {
        RegoPrograms programs = new RegoPrograms(SEED);
        List<String> disagreements = new ArrayList<>();
        List<String> typeCheckGaps = new ArrayList<>();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int ran = 0;
        int errors = 0;
        for (; ran < PROGRAMS && System.nanoTime() < deadline; ran++) {
            RegoPrograms.Program program = programs.next();
            Path module = Files.writeString(dir.resolve("gen.rego"), program.module());
            Path input = Files.writeString(dir.resolve("input.json"), program.input());
            String opa = verdict(Tool.run("opa", dir, Map.of(), "eval", "-d", module.toString(), "-i", input.toString(), "-f", "json",
                    "data.gen").output());
            Run ours = gate("policy", "eval", "-p", module.toString(), "-i", input.toString(), "-o", "json", "-q", "data.gen");
            String gates = verdict(ours.out().isBlank() ? ours.err() : ours.out());
            errors += opa.startsWith("error ") ? 1 : 0;
            if (opa.equals("error rego_type_error") && !gates.startsWith("error rego_")) {
                typeCheckGaps.add(program.module() + "input: " + program.input() + "\ngate: " + gates + "\n");
            } else if (!opa.equals(gates)) {
                disagreements.add("program " + ran + " of seed " + SEED + "\n" + program.module() + "input: " + program.input()
                        + "\nopa:  " + opa + "\ngate: " + gates + "\n");
            }
        }
        System.out.printf("%d generated programs (seed %d): %d end in an error in opa, %d disagree, %d are type errors only opa "
                + "reports%n", ran, SEED, errors, disagreements.size(), typeCheckGaps.size());
        assertTrue(ran >= Math.min(PROGRAMS, 100), "only " + ran + " programs ran in " + BUDGET);
        // Known gap: gate's type checker does not infer types through iteration and local assignments as OPA's does
        // (upper(x) for x in numbers.range(...)); such programs evaluate in gate. Bounded, so that it cannot grow unseen.
        assertTrue(typeCheckGaps.size() * 100 <= ran * 6, typeCheckGaps.size() + " of " + ran + " programs: " + typeCheckGaps);
        assertTrue(errors > 0 && errors < ran, "the programs exercise values and errors alike: " + errors + " errors of " + ran);
        assertEquals(List.of(), disagreements, disagreements.size() + " of " + ran + " programs disagree");
    }

    @Test
    void gateCheckStrictAndOpaCheckStrictAgreeOnGeneratedPrograms() throws Exception {
        RegoPrograms programs = new RegoPrograms(SEED);
        List<String> disagreements = new ArrayList<>();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int ran = 0;
        int refused = 0;
        int typeCheckGaps = 0;
        for (; ran < PROGRAMS && System.nanoTime() < deadline; ran++) {
            RegoPrograms.Program program = programs.next();
            Path module = Files.writeString(dir.resolve("gen.rego"), program.module());
            Set<String> opa = checked(Tool.run("opa", dir, Map.of(), "check", "--strict", "-f", "json", module.toString()).output());
            Run ours = gate("policy", "check", "--strict", module.toString());
            Set<String> gates = checked(ours.out() + ours.err());
            refused += opa.isEmpty() ? 0 : 1;
            Set<String> missing = new TreeSet<>(opa);
            missing.removeAll(gates);
            if (gates.containsAll(opa) && opa.containsAll(gates)) {
                continue;
            }
            if (opa.containsAll(gates) && missing.stream().allMatch(e -> e.startsWith("rego_type_error@"))) {
                typeCheckGaps++; // the known gap of the value test: types OPA infers through iteration and assignment
            } else {
                disagreements.add("program " + ran + " of seed " + SEED + "\n" + program.module() + "opa:  " + opa + "\ngate: "
                        + gates + "\n");
            }
        }
        System.out.printf("%d generated programs checked (seed %d): opa check --strict refuses %d, %d disagree, %d type errors only "
                + "opa reports%n", ran, SEED, refused, disagreements.size(), typeCheckGaps);
        assertTrue(refused > 0, "the programs include ones opa check --strict refuses");
        assertEquals(List.of(), disagreements, disagreements.size() + " of " + ran + " programs disagree");
        assertTrue(typeCheckGaps * 100 <= ran * 6, typeCheckGaps + " of " + ran + " programs");
    }

    /**
     * The errors a check reports, as {@code code@row}; empty when the module passes. Rows, not columns: OPA places a type
     * error at the call, gate at the rule. A set: OPA reports one parse failure several times.
     */
    private static Set<String> checked(String output) throws Exception {
        Set<String> errors = new TreeSet<>();
        Matcher text = CHECK_ERROR.matcher(output);
        while (text.find()) {
            errors.add(text.group(1) + "@" + text.group(2));
        }
        if (errors.isEmpty() && output.trim().startsWith("{")) {
            for (JsonNode error : JSON.readTree(output).path("errors")) {
                errors.add(error.path("code").asText() + "@" + error.path("location").path("row").asText());
            }
        }
        return errors;
    }

    /** The package's value in a canonical form, or {@code error CODE} for the first error. */
    private static String verdict(String output) throws Exception {
        Matcher text = TEXT_ERROR.matcher(output);
        if (text.find()) {
            return "error " + text.group(1);
        }
        JsonNode root;
        try {
            root = JSON.readTree(output);
        } catch (Exception e) {
            return "unreadable output: " + output;
        }
        if (root == null) {
            return "no output";
        }
        if (root.has("errors")) {
            return "error " + root.path("errors").path(0).path("code").asText();
        }
        return canonical(root.path("result").path(0).path("expressions").path(0).path("value"));
    }

    /** Numbers by value (1 and 1.0 alike), object keys sorted; arrays (and sets, which both print sorted) in order. */
    private static String canonical(JsonNode node) {
        if (node.isMissingNode()) {
            return "undefined";
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return value.signum() == 0 ? "0" : value.toPlainString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items.toString();
        }
        if (node.isObject()) {
            Map<String, String> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), canonical(e.getValue())));
            return fields.toString();
        }
        return node.toString();
    }
}
