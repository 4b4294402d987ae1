package dev.gate.cli.push;

import picocli.CommandLine.Command;

/** {@code gate push SOURCE DEST}: publishes an image unchanged, keeping its digest. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Push an image or index unchanged (same digest) from SRC to DEST.%n"
                + "Locations: oci:DIR[:TAG], or a registry as docker://REF or a bare REF.")
public final class PushCommand extends TransferCommand {
}
