package dev.gate.cli.registry;

import dev.gate.cli.ExitCodes;
import dev.gate.cli.push.TransferOptions.OutputFormat;
import dev.gate.image.Reference;
import dev.gate.image.registry.ImageInspection;
import dev.gate.image.registry.RegistryClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gate inspect REF}: what the registry holds for a reference and what hangs off its digest. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Show the manifest or index REF names: digest, media type, an image's config, an index's platforms, "
                        + "and the cosign signatures, attestations and OCI referrers stored for its digest (listed, not verified: "
                        + "use gate verify).%n"
                        + "Exit: 0 shown, 2 bad reference or not found, 3 registry unreachable or refused.")
public final class InspectCommand extends RegistryCommand {

    @Parameters(index = "0", paramLabel = "REF", description = "e.g. registry.example.com/team/app:1.0.0")
    String reference;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            description = "text (default) or json: the manifest and config as "
                    + "stored, platforms, signatures, attestations and referrers as descriptors.")
    OutputFormat output = OutputFormat.text;

    @Override
    public Integer call() {
        Reference ref = RemoteReference.parse(reference);
        ImageInspection found = ImageInspection.of(RegistryClient.open(ref, registries.toOptions()), ref);
        PrintWriter out = out();
        if (output == OutputFormat.json) {
            out.println(InspectionReport.json(found).toPrettyString());
        } else {
            InspectionReport.text(found, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
