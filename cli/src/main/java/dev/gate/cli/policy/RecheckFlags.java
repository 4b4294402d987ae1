package dev.gate.cli.policy;

import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.recheck.PolicyRecheck;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code gate verify --policy} and {@code gate audit --policy}: what to re-evaluate the attestations with. */
public final class RecheckFlags {

    @Mixin
    PolicyFlags policy = new PolicyFlags();

    @Option(
            names = "--db",
            paramLabel = "FILE",
            description = "Scan the attested SBOM again with this advisory database "
                    + "instead of trusting the attested scan.")
    Path database;

    public boolean requested() {
        return policy.given();
    }

    /** The re-evaluation, with policy bundles from a registry ({@code oci://REF}) fetched and verified first. */
    public PolicyRecheck recheck(RegistryOptions registries) {
        PolicySources sources = policy.sources(registries);
        return new PolicyRecheck(
                sources.policies(),
                PolicySources.concat(sources.data(), policy.data),
                policy.params,
                policy.namespace,
                policy.rego.version(),
                database,
                policy.failOnWarn,
                policy.waivers(sources),
                policy.vexStatements(registries));
    }
}
