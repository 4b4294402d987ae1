package dev.gate.cli.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.ExitCodes;
import dev.gate.cli.gate.GateConfig;
import dev.gate.cli.gate.GateOptions;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.transport.PushListener;
import dev.gate.pipeline.GatePipeline;
import dev.gate.pipeline.GateRun;
import dev.gate.pipeline.report.JsonSummary;
import dev.gate.pipeline.report.MarkdownSummary;
import dev.gate.pipeline.report.SarifSummary;
import dev.gate.pipeline.report.TextSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code gate push SOURCE DEST}: publishes an image unchanged, keeping its digest. With
 * {@code --policy} (or policies in the --config file) it is the gate: SBOM, scan, policies, and only when
 * they allow it the image with signature, attestations and SBOM referrer, tag last.
 */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = "Push an image or index unchanged (same digest) from SRC to DEST; with --policy, gate it first:%n"
                + "SBOM, vulnerability scan, Rego policies, then signature, attestations and SBOM referrer, tag last.%n"
                + "Locations: oci:DIR[:TAG], or a registry as docker://REF or a bare REF.%n"
                + "Exit: 0 pushed, 1 denied by policy (nothing pushed), 2 bad input, 3 registry or I/O failure.")
public final class PushCommand extends TransferCommand {

    PushCommand(Environment environment) {
        super(environment);
    }

    @Mixin
    GateOptions gate;

    @Mixin
    ReportFiles reports = new ReportFiles();

    @Override
    public Integer call() {
        GateConfig config = gate.loadConfig(environment.variables());
        if (!gate.gateRequested(config)) {
            gate.refuseGateFlagsOnAPlainPush();
            if (reports.given()) {
                throw GateException.input(
                        "--junit and --gitlab-codequality report a gate: they need --policy FILE|DIR");
            }
            return super.call();
        }
        TagPlan plan = tagPlan();
        RegistryOptions registryOptions = registries.toOptions();
        GatePipeline pipeline = new GatePipeline(
                gate.settings(source, plan.destination(), config, registryOptions, environment, plan::fill),
                environment.variables());
        PrintWriter out = spec.commandLine().getOut();
        boolean json = options.output == TransferOptions.OutputFormat.json;
        PushListener progress = options.quiet || json ? PushListener.NONE : new ProgressPrinter(out);
        GateRun run = pipeline.run(progress);
        boolean tagged = run.allowed() && !gate.dryRun();
        if (tagged) {
            plan.moveAlsoTags(Digest.parse(run.digest()), registryOptions);
        }
        if (json) {
            out.println(JsonSummary.of(run).toPrettyString());
        } else if (!options.quiet || !run.allowed()) {
            TextSummary.write(run, out);
            if (tagged) {
                plan.alsoTags().forEach(tag -> out.println("also tagged: " + tag));
            }
        }
        out.flush();
        if (gate.sarifFile() != null) {
            write(gate.sarifFile(), SarifSummary.of(run));
        }
        reports.write(run);
        String stepSummary = environment.variable("GITHUB_STEP_SUMMARY");
        if (stepSummary != null && !stepSummary.isBlank()) {
            MarkdownSummary.append(Path.of(stepSummary), run);
        }
        return run.allowed() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private static void write(Path file, Object json) {
        try {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw GateException.operational("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
