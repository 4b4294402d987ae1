package dev.gate.cli.scan;

import dev.gate.cli.policy.Durations;
import dev.gate.cli.sbom.ImageSbom;
import dev.gate.errors.GateException;
import dev.gate.image.Platform;
import dev.gate.image.TempFiles;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.analysis.JavaIndexes;
import dev.gate.sbom.format.CycloneDxWriter;
import dev.gate.scan.sbomin.CycloneDxInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Catalogs an image for {@code gate scan SOURCE} as {@code gate sbom} does: every source it reads (oci layouts,
 * docker-archive tars, registries, platform choice in an index) is scanned the same way, through the CycloneDX
 * document it writes, which is also what {@code gate scan --sbom} reads.
 */
final class ImageInput {

    private ImageInput() {}

    static CycloneDxInput catalog(
            String source, String platform, String catalogTimeout, JavaIndexes java, RegistryOptions registries) {
        // A private folder, removed on every path (SIGTERM included): the SBOM lists what the image holds.
        try (TempFiles.Folder dir = TempFiles.folder("gate-scan-")) {
            Path sbom = dir.path().resolve("sbom.cdx.json");
            String document = new CycloneDxWriter()
                    .write(ImageSbom.generate(
                            source,
                            Platform.parse(platform),
                            Durations.parse(catalogTimeout, "--catalog-timeout"),
                            java,
                            registries));
            Files.writeString(sbom, document);
            return CycloneDxInput.read(sbom);
        } catch (IOException e) {
            throw GateException.operational("cannot keep the SBOM of " + source + ": " + e.getMessage(), e);
        }
    }
}
