package dev.gate.cli.policy;

import dev.gate.pipeline.PolicyRecheck;
import dev.gate.pipeline.VexStatements;
import dev.gate.pipeline.Waivers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code gate verify --policy} and {@code gate audit --policy}: what to re-evaluate the attestations with. */
public final class RecheckFlags {

    @Option(names = "--policy", paramLabel = "FILE|DIR", description = "Re-evaluate these Rego policies (or one OPA wasm bundle) against the attestations (repeatable).")
    List<Path> policies = new ArrayList<>();

    @Option(names = "--data", paramLabel = "FILE", description = "Organisation data for --policy (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(names = "--param", paramLabel = "K=V", description = "input.context.params (default: those the push recorded).")
    List<String> params = new ArrayList<>();

    @Option(names = "--namespace", paramLabel = "PKG", description = "Evaluate only this Rego package.")
    String namespace;

    @Mixin
    RegoVersionOptions rego = new RegoVersionOptions();

    @Option(names = "--db", paramLabel = "FILE", description = "Scan the attested SBOM again with this advisory database "
            + "instead of trusting the attested scan.")
    Path database;

    @Option(names = "--waivers", paramLabel = "FILE", description = "Time-boxed exceptions (YAML or JSON), as for gate push (repeatable).")
    List<Path> waivers = new ArrayList<>();

    @Option(names = "--vex", paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX documents, as for gate push (repeatable).")
    List<Path> vex = new ArrayList<>();

    @Option(names = "--fail-on-warn", description = "Warnings fail the re-evaluation too.")
    boolean failOnWarn;

    public boolean requested() {
        return !policies.isEmpty();
    }

    public PolicyRecheck recheck() {
        return new PolicyRecheck(policies, data, params, namespace, rego.version(), database, failOnWarn, Waivers.read(waivers), VexStatements.read(vex));
    }
}
