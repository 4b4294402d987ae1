package dev.gate.cli.push;

import dev.gate.cli.Environment;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Platform;
import dev.gate.image.oci.PlatformChoice;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.publish.AttachedArtifacts;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gate copy SRC DEST}: moves an image unchanged between any two places gate can read and write. */
@Command(
        name = "copy",
        mixinStandardHelpOptions = true,
        description =
                "Copy an image or index unchanged (same digest) from SRC to DEST, with its signatures, attestations and referrers.%n"
                        + "With --platform, only some platforms of an index (see --platform).%n"
                        + "Locations: oci:DIR[:TAG], or a registry as docker://REF or a bare REF.")
public final class CopyCommand extends TransferCommand {

    CopyCommand(Environment environment) {
        super(environment);
    }

    @Option(
            names = "--platform",
            paramLabel = "OS/ARCH[/VARIANT]",
            description = "Copy only this platform of an index "
                    + "(repeatable). One platform: its image alone, with its own digest and signatures; several: a new index of "
                    + "those entries only (a new digest).")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--all-platforms", description = "Copy the whole index, every platform (the default).")
    boolean allPlatforms;

    /** Signatures, attestations and referrers first, then the image and its tag. */
    @Override
    public Integer call() {
        if (allPlatforms && !platforms.isEmpty()) {
            throw GateException.input("--platform and --all-platforms exclude each other");
        }
        List<Platform> wanted = platforms.stream().map(Platform::parse).toList();
        TagPlan plan = tagPlan();
        RegistryOptions registryOptions = registries.toOptions();
        return Transfer.run(
                source, plan, options, registryOptions, spec.commandLine().getOut(), resolved -> {
                    Artifact chosen = PlatformChoice.select(resolved, wanted);
                    AttachedArtifacts.copy(source, plan.destination(), registryOptions, chosen);
                    return chosen;
                });
    }
}
