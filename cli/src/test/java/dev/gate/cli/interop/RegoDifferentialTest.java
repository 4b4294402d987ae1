package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opa} judges the Rego engine on generated programs ({@link RegoPrograms}): {@code gate policy eval} must give
 * the value of the whole package, or the code of the error that stops it, that {@code opa eval} gives;
 * {@code gate policy check --strict} must refuse what {@code opa check --strict} refuses, with the same codes on the
 * same lines; {@code gate policy test} must pass, fail and skip the generated tests as {@code opa test} does. Seeded and
 * bounded: {@code -Dgate.rego.seed=N}, {@code -Dgate.rego.programs=N} and {@code -Dgate.rego.seconds=N} run other or
 * more programs on demand; a disagreement prints the program and its input, to be kept as a regression case.
 */
class RegoDifferentialTest {

    private static final long SEED = Long.getLong("gate.rego.seed", 20261202L);
    private static final int PROGRAMS = Integer.getInteger("gate.rego.programs", 300);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("gate.rego.seconds", 45L));

    @TempDir
    Path dir;

    /** opa's and gate's readings of one program, and whether they differ only by a type error OPA's checker infers. */
    private record Outcome(Object opa, Object gate, boolean typeCheckGap) {}

    @FunctionalInterface
    private interface Judge {
        Outcome judge(RegoPrograms.Program program) throws Exception;
    }

    /** How a run of programs came out. */
    private record Tally(int ran, List<String> disagreements, int typeCheckGaps) {

        /**
         * No disagreement; and the known gap, types OPA's checker infers through iteration and assignment (upper(x) for
         * x in numbers.range(...)) where gate evaluates, bounded so that it cannot grow unseen.
         */
        void assertAgreed(String what) {
            assertTrue(ran >= Math.min(PROGRAMS, 100), "only " + ran + " programs ran in " + BUDGET);
            assertEquals(List.of(), disagreements, disagreements.size() + " of " + ran + " " + what + " disagree");
            assertTrue(typeCheckGaps * 100 <= ran * 6, typeCheckGaps + " of " + ran + " " + what);
        }
    }

    private Tally compare(UnaryOperator<RegoPrograms.Program> shape, RegoPrograms programs, Judge judge)
            throws Exception {
        List<String> disagreements = new ArrayList<>();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int ran = 0;
        int gaps = 0;
        for (; ran < PROGRAMS && System.nanoTime() < deadline; ran++) {
            RegoPrograms.Program program = shape.apply(programs.next());
            Outcome outcome = judge.judge(program);
            if (outcome.opa().equals(outcome.gate())) {
                continue;
            }
            if (outcome.typeCheckGap()) {
                gaps++;
            } else {
                disagreements.add("program " + ran + " of seed " + SEED + "\n" + program.module() + "input: "
                        + program.input() + "\nopa:  " + outcome.opa() + "\ngate: " + outcome.gate() + "\n");
            }
        }
        return new Tally(ran, disagreements, gaps);
    }

    @Test
    void gateAndOpaAgreeOnGeneratedPrograms() throws Exception {
        AtomicInteger errors = new AtomicInteger();
        Tally tally = compare(p -> p, new RegoPrograms(SEED), program -> {
            Path module = Files.writeString(dir.resolve("gen.rego"), program.module());
            Path input = Files.writeString(dir.resolve("input.json"), program.input());
            String opa = JudgeReadings.verdict(Tool.run(
                            "opa",
                            dir,
                            Map.of(),
                            "eval",
                            "-d",
                            module.toString(),
                            "-i",
                            input.toString(),
                            "-f",
                            "json",
                            "data.gen")
                    .output());
            Run ours = gate(
                    "policy", "eval", "-p", module.toString(), "-i", input.toString(), "-o", "json", "-q", "data.gen");
            String gates = JudgeReadings.verdict(ours.out().isBlank() ? ours.err() : ours.out());
            errors.addAndGet(opa.startsWith("error ") ? 1 : 0);
            return new Outcome(opa, gates, opa.equals("error rego_type_error") && !gates.startsWith("error rego_"));
        });
        System.out.printf(
                "%d generated programs (seed %d): %d end in an error in opa, %d disagree, %d are type errors only opa "
                        + "reports%n",
                tally.ran(), SEED, errors.get(), tally.disagreements().size(), tally.typeCheckGaps());
        assertTrue(
                errors.get() > 0 && errors.get() < tally.ran(),
                "the programs exercise values and errors alike: " + errors);
        tally.assertAgreed("programs");
    }

    @Test
    void gateCheckStrictAndOpaCheckStrictAgreeOnGeneratedPrograms() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        Tally tally = compare(p -> p, new RegoPrograms(SEED), program -> {
            Path module = Files.writeString(dir.resolve("gen.rego"), program.module());
            Set<String> opa = JudgeReadings.checked(
                    Tool.run("opa", dir, Map.of(), "check", "--strict", "-f", "json", module.toString())
                            .output());
            Run ours = gate("policy", "check", "--strict", module.toString());
            Set<String> gates = JudgeReadings.checked(ours.out() + ours.err());
            refused.addAndGet(opa.isEmpty() ? 0 : 1);
            Set<String> missing = new TreeSet<>(opa);
            missing.removeAll(gates);
            return new Outcome(
                    opa,
                    gates,
                    opa.containsAll(gates) && missing.stream().allMatch(e -> e.startsWith("rego_type_error@")));
        });
        System.out.printf(
                "%d generated programs checked (seed %d): opa check --strict refuses %d, %d disagree, %d type errors only "
                        + "opa reports%n",
                tally.ran(), SEED, refused.get(), tally.disagreements().size(), tally.typeCheckGaps());
        assertTrue(refused.get() > 0, "the programs include ones opa check --strict refuses");
        tally.assertAgreed("programs");
    }

    @Test
    void gatePolicyTestAndOpaTestAgreeOnGeneratedTests() throws Exception {
        AtomicInteger tests = new AtomicInteger();
        RegoPrograms programs = new RegoPrograms(SEED);
        Tally tally = compare(programs::withTests, programs, program -> {
            Path module = Files.writeString(dir.resolve("gen_test.rego"), program.module());
            Map<String, String> opa =
                    JudgeReadings.tested(Tool.run("opa", dir, Map.of(), "test", "-f", "json", module.toString())
                            .output());
            Run ours = gate("policy", "test", "-v", module.toString());
            Map<String, String> gates = JudgeReadings.tested(ours.out() + ours.err());
            tests.addAndGet(opa.size());
            return new Outcome(
                    opa, gates, "rego_type_error".equals(opa.get("compile")) && !gates.containsKey("compile"));
        });
        System.out.printf(
                "%d generated test files (seed %d): %d tests, %d disagree, %d type errors only opa reports%n",
                tally.ran(), SEED, tests.get(), tally.disagreements().size(), tally.typeCheckGaps());
        assertTrue(tests.get() > tally.ran(), "the files hold tests: " + tests);
        tally.assertAgreed("test files");
    }
}
