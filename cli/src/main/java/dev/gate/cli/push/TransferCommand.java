package dev.gate.cli.push;

import dev.gate.cli.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code gate push} and {@code gate copy} share: a source, a destination, further tags, output and registry options. */
abstract class TransferCommand implements Callable<Integer> {

    final Environment environment;

    TransferCommand(Environment environment) {
        this.environment = environment;
    }

    @Parameters(index = "0", paramLabel = "SRC", description = "Image to read, e.g. oci:build/layout:1.0.0")
    String source;

    @Parameters(
            index = "1",
            paramLabel = "DEST",
            description = "Where to write it, e.g. oci:/tmp/out:1.0.0 or "
                    + "registry.example.com/team/app:1.0.0; {git.sha}, {git.short} and {git.tag} are filled from the CI "
                    + "environment or git in the working directory, e.g. registry.example.com/team/app:{git.short}")
    String destination;

    @Option(
            names = "--also-tag",
            paramLabel = "TAG",
            description =
                    "Also point TAG at the pushed image, after everything else "
                            + "(signatures, attestations, DEST's own tag); placeholders as in DEST. Repeatable; registry destinations only.")
    List<String> alsoTags = new ArrayList<>();

    @Mixin
    TransferOptions options;

    @Mixin
    RegistryFlags registries;

    @Spec
    CommandSpec spec;

    /** The destination with its placeholders filled and the further tags checked, before anything is read or written. */
    TagPlan tagPlan() {
        return TagPlan.of(
                destination,
                alsoTags,
                new CommitFacts(
                        environment.variables(), new GitRevision(Path.of("").toAbsolutePath())));
    }

    @Override
    public Integer call() {
        return Transfer.run(
                source,
                tagPlan(),
                options,
                registries.toOptions(),
                spec.commandLine().getOut(),
                UnaryOperator.identity());
    }
}
