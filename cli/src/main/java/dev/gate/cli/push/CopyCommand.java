package dev.gate.cli.push;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gate copy SRC DEST}: moves an image unchanged between any two places gate can read and write. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy an image or index unchanged (same digest) from SRC to DEST.%n"
                + "Locations: oci:DIR[:TAG], or a registry as docker://REF or a bare REF.")
public final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "Image to read, e.g. oci:build/layout:1.0.0")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "Where to write it, e.g. oci:/tmp/out:1.0.0")
    String destination;

    @Mixin
    TransferOptions options;

    @Mixin
    RegistryFlags registries;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Transfer.run(source, destination, options, registries.toOptions(), spec.commandLine().getOut());
    }
}
