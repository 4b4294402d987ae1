package dev.gate.cli.sbom;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.MediaTypes;
import dev.gate.image.Platform;
import dev.gate.image.archive.DockerArchiveSource;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.transport.ImageSource;
import dev.gate.image.transport.Transports;
import dev.gate.pipeline.analysis.JavaIndexes;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomGenerator;
import dev.gate.sbom.catalog.JavaIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads SOURCE through the image transports and catalogs it; a bare path to a file is read as a
 * docker-archive.
 */
public final class ImageSbom {

    private ImageSbom() {}

    /** The SBOM of the image at {@code source}; {@code registries} says how to reach one that is in a registry. */
    public static Sbom generate(
            String source,
            Platform platform,
            Duration catalogTimeout,
            JavaIndexes javaIndexes,
            RegistryOptions registries) {
        try (JavaIndexes.Opened index = javaIndexes.open()) {
            return generate(source, platform, catalogTimeout, index.index(), registries);
        }
    }

    private static Sbom generate(
            String source,
            Platform platform,
            Duration catalogTimeout,
            JavaIndex javaIndex,
            RegistryOptions registries) {
        String location = Files.isRegularFile(Path.of(source)) ? "docker-archive:" + source : source;
        try (ImageSource from = Transports.source(location, registries)) {
            Artifact artifact = from.resolve();
            Image image = artifact instanceof Artifact.Single single
                    ? single.image()
                    : pick(((Artifact.Multi) artifact).index(), platform, source);
            // Layers are read while the source is open.
            String name = from instanceof DockerArchiveSource archive
                    ? archive.imageName().orElse(source)
                    : source;
            return SbomGenerator.standard(catalogTimeout, javaIndex).generate(name, image);
        }
    }

    /** The index entry for the platform; an SBOM describes one image. */
    private static Image pick(ImageIndex index, Platform platform, String source) {
        for (Descriptor d : index.manifests()) {
            Platform p = d.platform();
            if (MediaTypes.isManifest(d.mediaType())
                    && p != null
                    && platform.os().equals(p.os())
                    && platform.architecture().equals(p.architecture())
                    && (platform.variant() == null || platform.variant().equals(p.variant()))) {
                return index.image(d.digest());
            }
        }
        if (index.manifests().size() == 1
                && MediaTypes.isManifest(index.manifests().get(0).mediaType())) {
            return index.image(index.manifests().get(0).digest());
        }
        throw GateException.input(
                source + " is a multi-platform index without a " + platform + " image (use --platform)");
    }
}
