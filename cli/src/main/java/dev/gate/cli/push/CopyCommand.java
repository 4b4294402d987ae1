package dev.gate.cli.push;

import picocli.CommandLine.Command;

/** {@code gate copy SRC DEST}: moves an image unchanged between any two places gate can read and write. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy an image or index unchanged (same digest) from SRC to DEST, with its signatures, attestations and referrers.%n"
                + "Locations: oci:DIR[:TAG], or a registry as docker://REF or a bare REF.")
public final class CopyCommand extends TransferCommand {

    /** Signatures, attestations and referrers first, then the image and its tag. */
    @Override
    public Integer call() {
        dev.gate.pipeline.AttachedArtifacts.copy(source, destination, registries.toOptions());
        return super.call();
    }
}
