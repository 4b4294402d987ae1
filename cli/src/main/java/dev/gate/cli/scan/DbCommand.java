package dev.gate.cli.scan;

import picocli.CommandLine.Command;

/** {@code gate db}: the OSV advisory database. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Manage the OSV advisory database.",
        subcommands = {DbImportCommand.class, DbUpdateCommand.class, DbInfoCommand.class})
public final class DbCommand {}
