package dev.gate.cli.policy;

import picocli.CommandLine.Command;

/** {@code gate policy eval|test|check|fmt}: the tools policy authors use. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Evaluate, unit-test, check and format Rego policies with gate's own Rego engine (no opa binary needed); evaluate and inspect OPA wasm bundles.",
        subcommands = {PolicyEvalCommand.class, PolicyTestCommand.class, PolicyCheckCommand.class, PolicyFmtCommand.class, PolicyInspectCommand.class})
public final class PolicyCommand {
}
