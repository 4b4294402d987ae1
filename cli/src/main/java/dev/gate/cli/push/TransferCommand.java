package dev.gate.cli.push;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code gate push} and {@code gate copy} share: a source, a destination, output and registry options. */
abstract class TransferCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "Image to read, e.g. oci:build/layout:1.0.0")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "Where to write it, e.g. oci:/tmp/out:1.0.0 or registry.example.com/team/app:1.0.0")
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
