package dev.gate.cli.scan;

import dev.gate.cli.sbom.JavaIndexes;
import dev.gate.cli.sbom.SbomCommand;
import dev.gate.image.GateException;
import dev.gate.image.TempFiles;
import dev.gate.scan.sbomin.CycloneDxInput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Catalogs an image for {@code gate scan SOURCE} by running {@code gate sbom} itself: every source
 * it reads (oci layouts, docker-archive tars, platform choice in an index) is scanned the same way,
 * through the CycloneDX document it writes, which is also what {@code gate scan --sbom} reads.
 */
final class ImageInput {

    private ImageInput() {
    }

    static CycloneDxInput catalog(String source, String platform, String catalogTimeout, JavaIndexes java, PrintWriter err) {
        // A private folder, removed on every path (SIGTERM included): the SBOM lists what the image holds.
        try (TempFiles.Folder dir = TempFiles.folder("gate-scan-")) {
            Path sbom = dir.path().resolve("sbom.cdx.json");
            CommandLine sbomCommand = new CommandLine(new SbomCommand());
            sbomCommand.setErr(err);
            List<String> args = new ArrayList<>(List.of(source, "--platform", platform, "--format", "cyclonedx-json",
                    "-o", sbom.toString(), "--catalog-timeout", catalogTimeout));
            if (java.javaDb() != null) {
                args.addAll(List.of("--java-db", java.javaDb().toString()));
            }
            if (java.lookup() != null) {
                args.addAll(List.of("--java-lookup", "--java-lookup-url", java.lookup().toString()));
            }
            sbomCommand.parseArgs(args.toArray(String[]::new));
            ((SbomCommand) sbomCommand.getCommand()).call();
            return CycloneDxInput.read(sbom);
        } catch (CommandLine.ParameterException e) {
            throw GateException.input(e.getMessage());
        }
    }
}
