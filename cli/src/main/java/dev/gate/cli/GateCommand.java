package dev.gate.cli;

import picocli.CommandLine.Command;

/** The top-level {@code gate} command; each subcommand lives in its own class. */
@Command(
        name = "gate",
        mixinStandardHelpOptions = true,
        versionProvider = GateVersion.class,
        description = "Supply-chain compliance gate for container images.",
        subcommands = {
                dev.gate.cli.push.PushCommand.class, dev.gate.cli.push.CopyCommand.class,
                dev.gate.cli.scan.ScanCommand.class, dev.gate.cli.scan.DbCommand.class,
                dev.gate.cli.sbom.SbomCommand.class, dev.gate.cli.policy.PolicyCommand.class,
                dev.gate.cli.sign.KeyCommand.class, dev.gate.cli.sign.SignCommand.class,
                dev.gate.cli.sign.AttestCommand.class, dev.gate.cli.sign.VerifyCommand.class,
                dev.gate.cli.audit.AuditCommand.class,
        })
public final class GateCommand {
}
