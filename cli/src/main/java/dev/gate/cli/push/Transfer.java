package dev.gate.cli.push;

import dev.gate.image.Artifact;
import dev.gate.image.SafeText;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.transport.ImageSink;
import dev.gate.image.transport.ImageSource;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import dev.gate.image.transport.Transports;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;

/** Moves one image or index from a source to a destination, byte for byte, and reports what it did. */
final class Transfer {

    private Transfer() {}

    /** {@code choose} sees the resolved source and returns what is written (the source itself, or part of an index). */
    static int run(
            String source,
            TagPlan plan,
            TransferOptions options,
            RegistryOptions registries,
            PrintWriter out,
            UnaryOperator<Artifact> choose) {
        ImageSink sink = Transports.sink(plan.destination(), registries);
        try (ImageSource from = Transports.source(source, registries)) {
            Artifact artifact = choose.apply(from.resolve());
            ProgressPrinter progress = options.quiet || options.output == TransferOptions.OutputFormat.json
                    ? null
                    : new ProgressPrinter(out);
            PushReport report = sink.write(artifact, progress == null ? PushListener.NONE : progress);
            plan.moveAlsoTags(report.root().digest(), registries);
            if (options.output == TransferOptions.OutputFormat.json) {
                out.println(ReportJson.of(report, plan.alsoTags()));
            } else if (!options.quiet) {
                out.println(SafeText.of(sink.describe()) + ": digest: "
                        + report.root().digest() + " size: " + report.root().size());
                plan.alsoTags().forEach(tag -> out.println("also tagged: " + tag));
            }
            out.flush();
            return 0;
        }
    }
}
