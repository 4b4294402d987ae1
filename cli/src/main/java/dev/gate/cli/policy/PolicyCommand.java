package dev.gate.cli.policy;

import picocli.CommandLine.Command;

/** {@code gate policy eval|test|check|fmt|push|pull}: the tools policy authors use, and how they publish policies. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate, unit-test, check and format Rego policies with gate's own Rego engine (no opa binary needed); evaluate and inspect OPA wasm bundles.",
        subcommands = {
            PolicyEvalCommand.class,
            PolicyTestCommand.class,
            PolicyCheckCommand.class,
            PolicyFmtCommand.class,
            PolicyInspectCommand.class,
            PolicyPushCommand.class,
            PolicyPullCommand.class
        })
public final class PolicyCommand {}
