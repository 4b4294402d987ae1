package dev.gate.cli.sbom;

import dev.gate.cli.policy.Durations;
import dev.gate.cli.push.RegistryFlags;
import dev.gate.errors.GateException;
import dev.gate.image.Platform;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.format.CycloneDxWriter;
import dev.gate.sbom.format.SpdxWriter;
import dev.gate.sbom.format.TableWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate sbom SOURCE}: the packages in an image as CycloneDX, SPDX or a table. */
@Command(
        name = "sbom",
        mixinStandardHelpOptions = true,
        description = "List the packages in an image (Debian, Alpine, RPM, Java, npm, Python, Go) as an SBOM.")
public final class SbomCommand implements Callable<Integer> {

    enum Format {
        cyclonedx_json,
        spdx_json,
        table
    }

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "SOURCE",
            description = "oci:DIR[:TAG], docker-archive:PATH (or the PATH of a docker save tar).")
    String source;

    @Option(
            names = "--platform",
            paramLabel = "OS/ARCH[/VARIANT]",
            defaultValue = "linux/amd64",
            description = "Image to catalog from a multi-platform index (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "cyclonedx-json",
            description = "cyclonedx-json, spdx-json or table (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to FILE instead of standard output.")
    Path output;

    @Option(
            names = "--catalog-timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "Time budget for cataloging the image, reading its layers included; over it gate fails "
                    + "(exit 2) rather than write a partial SBOM (default: ${DEFAULT-VALUE}).")
    String catalogTimeout;

    @Mixin
    JavaIndexFlags java = new JavaIndexFlags();

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        Format chosen = parseFormat(format);
        Duration budget = Durations.parse(catalogTimeout, "--catalog-timeout");
        Sbom sbom =
                ImageSbom.generate(source, Platform.parse(platform), budget, java.indexes(null), registry.toOptions());
        String text = switch (chosen) {
            case cyclonedx_json -> new CycloneDxWriter().write(sbom);
            case spdx_json -> new SpdxWriter().write(sbom);
            case table -> new TableWriter().write(sbom);
        };
        if (output == null) {
            spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
            spec.commandLine().getOut().flush();
        } else {
            try {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw GateException.operational("cannot write " + output + ": " + e.getMessage(), e);
            }
        }
        if (!sbom.unknowns().isEmpty() && chosen != Format.table) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "gate: " + sbom.unknowns().size()
                                    + " files could not be read (listed as gate:unknown properties; --format table shows them)");
        }
        return 0;
    }

    static Format parseFormat(String text) {
        for (Format f : Format.values()) {
            if (f.name().replace('_', '-').equals(text)) {
                return f;
            }
        }
        throw GateException.input("unknown --format '" + text + "' (cyclonedx-json, spdx-json, table)");
    }

    static Path archivePath(String source) {
        String path = source.startsWith("docker-archive:") ? source.substring("docker-archive:".length()) : source;
        int tag = path.lastIndexOf(':');
        if (tag > 0 && !Files.exists(Path.of(path))) {
            path = path.substring(0, tag);
        }
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw GateException.input("SOURCE " + source + ": no such docker-archive file");
        }
        return p;
    }
}
