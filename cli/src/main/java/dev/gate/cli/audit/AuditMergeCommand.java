package dev.gate.cli.audit;

import dev.gate.pipeline.audit.AuditReport;
import dev.gate.pipeline.audit.ReportMerge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate audit merge REPORT.json...}: the JSON reports of {@code gate audit --shard K/N} jobs as one report. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description =
                "Combine the JSON reports of the shards of one audit (gate audit --shard K/N --output json) into one "
                        + "report, with the totals a single run would give.%n"
                        + "Exit: 0 every tag signed, verified and passing; 1 otherwise; 2 a report is unreadable, malformed or repeated.")
public final class AuditMergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPORT.json", arity = "1..*", description = "JSON reports of gate audit, one per shard.")
    List<Path> reports = new ArrayList<>();

    @Mixin
    ReportOutput output = new ReportOutput();

    @Override
    public Integer call() {
        AuditReport merged = ReportMerge.read(reports);
        output.write(merged, spec.commandLine().getOut());
        return merged.ok() ? 0 : 1;
    }
}
