package dev.gate.policy.testing;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.PolicySet;
import dev.gate.policy.coverage.CoverageReport;
import dev.gate.policy.eval.Coverage;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.StringValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs policy unit tests as {@code opa test} does: every rule named {@code test_*} passes when it is defined and not
 * false; {@code todo_test_*} rules are reported as skipped; an evaluation error is an error.
 */
public final class PolicyTests {
    private PolicyTests() {}

    public enum Status {
        PASS,
        FAIL,
        ERROR,
        SKIPPED
    }

    /** One test: its package, rule name, where it is written, outcome, error text and how long it took. */
    public record Result(String pkg, String name, String location, Status status, String error, Duration duration) {
        public String qualifiedName() {
            return "data." + pkg + "." + name;
        }
    }

    /** Test results with the line coverage of the loaded files over all the tests run. */
    public record CoveredRun(List<Result> results, CoverageReport coverage) {}

    /** Runs the tests of the loaded modules whose qualified name matches {@code filter} (null runs all). */
    public static List<Result> run(PolicySet policies, Pattern filter, Duration timeout) {
        return run(policies.engine(), filter, timeout);
    }

    /** As {@link #run(PolicySet, Pattern, Duration)}, over the policies an engine has loaded. */
    public static List<Result> run(PolicyEngine engine, Pattern filter, Duration timeout) {
        return run(engine, filter, timeout, null);
    }

    /** As {@link #run(PolicySet, Pattern, Duration)}, recording which lines the tests cover. */
    public static CoveredRun runWithCoverage(PolicySet policies, Pattern filter, Duration timeout) {
        return runWithCoverage(policies.engine(), filter, timeout);
    }

    /** As {@link #runWithCoverage(PolicySet, Pattern, Duration)}, over the policies an engine has loaded. */
    public static CoveredRun runWithCoverage(PolicyEngine engine, Pattern filter, Duration timeout) {
        Coverage coverage = new Coverage();
        List<Result> results = run(engine, filter, timeout, coverage);
        return new CoveredRun(results, engine.coverage(coverage));
    }

    private static List<Result> run(PolicyEngine engine, Pattern filter, Duration timeout, Coverage coverage) {
        List<Result> out = new ArrayList<>();
        for (PolicyEngine.RuleInfo rule : tests(engine.outline())) {
            String pkg = rule.pkg();
            String name = rule.name();
            if (filter != null && !filter.matcher("data." + pkg + "." + name).find()) continue;
            if (name.startsWith("todo_")) {
                out.add(new Result(pkg, name, rule.location(), Status.SKIPPED, null, Duration.ZERO));
                continue;
            }
            out.add(runOne(engine, pkg, name, rule.location(), timeout, coverage));
        }
        return out;
    }

    private static Result runOne(
            PolicyEngine engine, String pkg, String name, String location, Duration timeout, Coverage coverage) {
        long start = System.nanoTime();
        StringBuilder ref = new StringBuilder("data");
        for (String part : pkg.split("\\."))
            ref.append('[').append(StringValue.of(part).toJson()).append(']');
        ref.append('[').append(StringValue.of(name).toJson()).append(']');
        try {
            List<PolicyEngine.ResultRow> rows =
                    engine.evaluate("__test__ = " + ref, null, new PolicyEngine.Options(timeout, false), coverage);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            boolean passed = !rows.isEmpty() && rows.get(0).bindings().get("__test__") != BooleanValue.FALSE;
            return new Result(pkg, name, location, passed ? Status.PASS : Status.FAIL, null, took);
        } catch (PolicyException e) {
            return new Result(
                    pkg,
                    name,
                    location,
                    Status.ERROR,
                    e.code() + ": " + e.getMessage(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** The test rules (first definition of each), in source order. */
    private static List<PolicyEngine.RuleInfo> tests(PolicyEngine.Outline outline) {
        return outline.rules().stream()
                .filter(r -> r.name().startsWith("test_") || r.name().startsWith("todo_test_"))
                .toList();
    }
}
