package dev.gate.cli.policy;

import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.findings.VexStatements;
import dev.gate.pipeline.findings.Waivers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What policies decide with, as {@code gate push}, {@code gate verify --policy} and {@code gate audit --policy} take it:
 * the policies (files, a wasm bundle or a signed bundle from a registry), their data, parameters, namespace and dialect,
 * waivers, VEX statements, and whether warnings fail.
 */
public final class PolicyFlags {

    @Option(
            names = "--policy",
            paramLabel = "FILE|DIR|oci://REF",
            description = "Rego policy file or folder (repeatable), one OPA wasm "
                    + "bundle (bundle.tar.gz, policy.wasm), or a signed policy bundle in a registry (oci://REGISTRY/REPO[:TAG|@DIGEST], with "
                    + "--policy-key or --policy-trusted-root and the signer's identity).")
    public List<String> policies = new ArrayList<>();

    @Mixin
    public PolicyTrustFlags policyTrust = new PolicyTrustFlags();

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "Organisation data, JSON or YAML, under data. (repeatable).")
    public List<Path> data = new ArrayList<>();

    @Option(
            names = "--param",
            paramLabel = "K=V",
            description = "input.context.params.K = V (repeatable; a re-evaluation "
                    + "starts from those the push recorded).")
    public List<String> params = new ArrayList<>();

    @Option(names = "--namespace", paramLabel = "PKG", description = "Evaluate only this Rego package, e.g. gate.prod.")
    public String namespace;

    @Mixin
    public RegoVersionOptions rego = new RegoVersionOptions();

    @Option(
            names = "--waivers",
            paramLabel = "FILE",
            description = "Time-boxed exceptions (YAML or JSON): findings or rules "
                    + "waived, with reason, approver and expiry (repeatable).")
    public List<Path> waivers = new ArrayList<>();

    @Option(
            names = "--vex",
            paramLabel = "FILE|oci://REF",
            description = "OpenVEX or CycloneDX VEX document, a file or an "
                    + "artifact in a registry: findings it says do not affect the image (or are fixed) are marked, and the shipped "
                    + "policies skip them (repeatable).")
    public List<String> vex = new ArrayList<>();

    @Option(names = "--fail-on-warn", description = "Warnings fail too: they block a push, or fail a re-evaluation.")
    public boolean failOnWarn;

    public boolean given() {
        return !policies.isEmpty();
    }

    /** Any flag besides --policy: none of them means anything without policies. */
    public boolean anyBesidesPolicies() {
        return policyTrust.anyGiven()
                || !data.isEmpty()
                || !params.isEmpty()
                || namespace != null
                || !waivers.isEmpty()
                || !vex.isEmpty()
                || failOnWarn;
    }

    /** The policies named, with bundles from a registry fetched and verified. */
    public PolicySources sources(RegistryOptions registries) {
        return PolicySources.resolve(policies, policyTrust.trusted(), registries);
    }

    /** The waivers of the bundles fetched, then those named here, read and checked. */
    public List<Waivers.Waiver> waivers(PolicySources sources) {
        return Waivers.read(PolicySources.concat(sources.waivers(), waivers));
    }

    /** The --vex documents, those in a registry fetched through {@code registries}. */
    public VexStatements.Documents vexStatements(RegistryOptions registries) {
        return VexStatements.read(vex, registries);
    }
}
