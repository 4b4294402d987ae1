package dev.gate.cli.registry;

import dev.gate.cli.push.RegistryFlags;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the registry commands share: the registry flags, and where they print. */
abstract class RegistryCommand implements Callable<Integer> {

    @Mixin
    RegistryFlags registries;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
