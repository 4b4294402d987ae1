package dev.gate.cli;

import picocli.CommandLine.Command;

/** The top-level {@code gate} command; each subcommand lives in its own class, registered by {@link Main}. */
@Command(
        name = "gate",
        mixinStandardHelpOptions = true,
        versionProvider = GateVersion.class,
        description = "Supply-chain compliance gate for container images.")
public final class GateCommand {}
