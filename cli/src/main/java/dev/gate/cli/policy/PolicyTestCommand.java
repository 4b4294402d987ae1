package dev.gate.cli.policy;

import dev.gate.cli.ExitCodes;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.pipeline.report.PolicyTestJunit;
import dev.gate.policy.PolicySet;
import dev.gate.policy.coverage.CoverageJson;
import dev.gate.policy.coverage.CoverageReport;
import dev.gate.policy.coverage.CoverageText;
import dev.gate.policy.testing.PolicyTests;
import dev.gate.policy.testing.TestResultsJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate policy test}: runs the {@code test_*} rules of policy folders, as {@code opa test} does. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = "Run test_* rules (todo_test_* are skipped): PASS, FAIL or ERROR per test; exit 1 on any failure"
                + " or when coverage is below --threshold.")
public final class PolicyTestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegoVersionOptions rego = new RegoVersionOptions();

    @Mixin
    SchemaOption schema = new SchemaOption();

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Policy and test files or folders.")
    List<Path> paths;

    @Option(
            names = {"-d", "--data"},
            paramLabel = "FILE",
            description = "Data documents, JSON or YAML (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(
            names = {"-v", "--verbose"},
            description = "Print every test, not only failures.")
    boolean verbose;

    @Option(
            names = {"-r", "--run"},
            paramLabel = "REGEX",
            description = "Run only tests whose name (data.pkg.test_x) matches.")
    String run;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5s",
            description = "Time limit per test (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(
            names = "--coverage",
            description = "Measure line coverage of the policy files, as opa test --coverage does.")
    boolean coverage;

    @Option(
            names = "--threshold",
            paramLabel = "PCT",
            description = "Exit 1 when line coverage is below PCT percent (0-100); implies --coverage.")
    String threshold;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, json (with --coverage, the coverage report in opa's JSON) or junit (JUnit XML).")
    String format;

    @Override
    public Integer call() {
        Duration limit = Durations.parse(timeout, "--timeout");
        TestReportFormat output = TestReportFormat.parse(format);
        Double minimum = threshold == null ? null : percentage(threshold);
        Pattern filter = null;
        if (run != null) {
            try {
                filter = Pattern.compile(run);
            } catch (PatternSyntaxException e) {
                throw GateException.input("--run " + run + ": " + e.getDescription());
            }
        }
        PolicySet set = PolicyFiles.load(paths, data, true, rego.version(), schema.schemas());
        boolean measure = coverage || minimum != null;
        List<PolicyTests.Result> results;
        CoverageReport report = null;
        if (measure) {
            PolicyTests.CoveredRun covered = PolicyTests.runWithCoverage(set, filter, limit);
            results = covered.results();
            report = covered.coverage();
        } else {
            results = PolicyTests.run(set, filter, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case TEXT -> {
                printText(results, out);
                if (report != null) out.print(CoverageText.write(report));
            }
            case JSON -> out.print(report != null ? CoverageJson.write(report) : TestResultsJson.write(results));
            case JUNIT -> out.print(PolicyTestJunit.of(results, report));
        }
        out.flush();
        boolean failed = results.stream()
                .anyMatch(r -> r.status() == PolicyTests.Status.FAIL || r.status() == PolicyTests.Status.ERROR);
        if (minimum != null && report.percent() < minimum) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("coverage " + CoverageText.percent(report.percent()) + " is below the threshold of "
                    + CoverageText.percent(minimum));
            err.flush();
            return ExitCodes.REFUSED;
        }
        return failed ? ExitCodes.REFUSED : ExitCodes.OK;
    }

    /** A percentage from 0 to 100, {@code 80} or {@code 80%}. */
    private static double percentage(String text) {
        try {
            double value = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
            if (value >= 0 && value <= 100) return value;
        } catch (NumberFormatException e) {
            // reported below, as any other value out of range
        }
        throw GateException.input("--threshold " + text + ": must be a percentage from 0 to 100");
    }

    private void printText(List<PolicyTests.Result> results, PrintWriter out) {
        String file = null;
        int pass = 0, fail = 0, error = 0, skip = 0;
        for (PolicyTests.Result r : results) {
            switch (r.status()) {
                case PASS -> pass++;
                case FAIL -> fail++;
                case ERROR -> error++;
                case SKIPPED -> skip++;
            }
            boolean show = verbose || r.status() == PolicyTests.Status.FAIL || r.status() == PolicyTests.Status.ERROR;
            if (!show) continue;
            String thisFile = r.location().substring(0, r.location().indexOf(':'));
            if (!thisFile.equals(file)) {
                out.println(SafeText.of(thisFile) + ":");
                file = thisFile;
            }
            out.printf("%s: %s (%s)%n", SafeText.of(r.qualifiedName()), r.status(), millis(r.duration()));
            if (r.error() != null)
                out.println("  " + SafeText.message(r.error()).replace("\n", "\n  "));
        }
        if (verbose || fail + error > 0) out.println("-".repeat(80));
        int total = results.size();
        if (pass > 0) out.printf("PASS: %d/%d%n", pass, total);
        if (fail > 0) out.printf("FAIL: %d/%d%n", fail, total);
        if (error > 0) out.printf("ERROR: %d/%d%n", error, total);
        if (skip > 0) out.printf("SKIPPED: %d/%d%n", skip, total);
        if (total == 0) out.println("no tests found");
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1fms", d.toNanos() / 1e6);
    }
}
