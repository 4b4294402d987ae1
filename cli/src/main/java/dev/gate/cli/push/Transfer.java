package dev.gate.cli.push;

import dev.gate.image.Artifact;
import dev.gate.image.SafeText;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.transport.ImageSink;
import dev.gate.image.transport.ImageSource;
import dev.gate.image.transport.PushReport;
import dev.gate.image.transport.Transports;
import java.io.PrintWriter;

/** Moves one image or index from a source to a destination, byte for byte, and reports what it did. */
final class Transfer {

    private Transfer() {
    }

    static int run(String source, String destination, TransferOptions options, RegistryOptions registries, PrintWriter out) {
        ImageSink sink = Transports.sink(destination, registries);
        try (ImageSource from = Transports.source(source, registries)) {
            Artifact artifact = from.resolve();
            ProgressPrinter progress = options.quiet || options.output == TransferOptions.OutputFormat.json
                    ? null : new ProgressPrinter(out);
            PushReport report = sink.write(artifact, progress == null ? dev.gate.image.transport.PushListener.NONE : progress);
            if (options.output == TransferOptions.OutputFormat.json) {
                out.println(ReportJson.of(report));
            } else if (!options.quiet) {
                out.println(SafeText.of(sink.describe()) + ": digest: " + report.root().digest() + " size: " + report.root().size());
            }
            out.flush();
            return 0;
        }
    }
}
