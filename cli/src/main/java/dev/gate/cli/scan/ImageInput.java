package dev.gate.cli.scan;

import dev.gate.cli.sbom.SbomCommand;
import dev.gate.image.GateException;
import dev.gate.scan.sbomin.CycloneDxInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Catalogs an image for {@code gate scan SOURCE} by running {@code gate sbom} itself: every source
 * it reads (oci layouts, docker-archive tars, platform choice in an index) is scanned the same way,
 * through the CycloneDX document it writes, which is also what {@code gate scan --sbom} reads.
 */
final class ImageInput {

    private ImageInput() {
    }

    static CycloneDxInput catalog(String source, String platform, PrintWriter err) {
        Path sbom = null;
        try {
            sbom = Files.createTempFile("gate-scan-", ".cdx.json");
            CommandLine sbomCommand = new CommandLine(new SbomCommand());
            sbomCommand.setErr(err);
            sbomCommand.parseArgs(source, "--platform", platform, "--format", "cyclonedx-json", "-o", sbom.toString());
            ((SbomCommand) sbomCommand.getCommand()).call();
            return CycloneDxInput.read(sbom);
        } catch (CommandLine.ParameterException e) {
            throw GateException.input(e.getMessage());
        } catch (IOException e) {
            throw GateException.operational("cannot write a temporary SBOM: " + e.getMessage(), e);
        } finally {
            deleteQuietly(sbom);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover file in the temporary folder is harmless
        }
    }
}
