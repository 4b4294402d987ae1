package dev.gate.cli.policy;

import dev.gate.image.registry.RegistryOptions;
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

    @Option(names = "--policy", paramLabel = "FILE|DIR|oci://REF", description = "Re-evaluate these Rego policies (or one OPA wasm "
            + "bundle, or a signed policy bundle in a registry with --policy-key) against the attestations (repeatable).")
    List<String> policies = new ArrayList<>();

    @Option(names = "--policy-key", paramLabel = "FILE", description = "Public key a policy bundle from a registry must be signed "
            + "with (repeatable: any listed key verifies).")
    List<Path> policyKeys = new ArrayList<>();

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

    @Option(names = "--vex", paramLabel = "FILE|oci://REF", description = "OpenVEX or CycloneDX VEX documents, files or artifacts in a "
            + "registry, as for gate push (repeatable).")
    List<String> vex = new ArrayList<>();

    @Option(names = "--fail-on-warn", description = "Warnings fail the re-evaluation too.")
    boolean failOnWarn;

    public boolean requested() {
        return !policies.isEmpty();
    }

    /** The re-evaluation, with policy bundles from a registry ({@code oci://REF}) fetched and verified first. */
    public PolicyRecheck recheck(RegistryOptions registries) {
        PolicySources sources = PolicySources.resolve(policies, policyKeys, registries);
        return new PolicyRecheck(sources.policies(), PolicySources.concat(sources.data(), data), params, namespace, rego.version(),
                database, failOnWarn, Waivers.read(PolicySources.concat(sources.waivers(), waivers)), VexStatements.read(vex, registries));
    }
}
