package dev.gate.cli.audit;

import dev.gate.cli.Environment;
import dev.gate.cli.policy.RecheckFlags;
import dev.gate.cli.push.RegistryFlags;
import dev.gate.cli.sign.TrustFlags;
import dev.gate.errors.GateException;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.audit.ApprovedPolicies;
import dev.gate.pipeline.audit.AuditReport;
import dev.gate.pipeline.audit.AuditResult;
import dev.gate.pipeline.audit.AuditState;
import dev.gate.pipeline.audit.Auditor;
import dev.gate.pipeline.audit.Shard;
import dev.gate.pipeline.decision.PolicyGate;
import dev.gate.pipeline.recheck.PolicyRecheck;
import dev.gate.signing.TrustedKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate audit REGISTRY/REPOSITORY}: every tag verified and evaluated, as a table, JSON, JUnit or an HTML report. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        subcommands = AuditMergeCommand.class,
        description = "Verify every tag of a repository (--all: every repository of the registry's catalog) and, with "
                + "--policy, re-evaluate the policies against the stored attestations. Each distinct image is checked "
                + "once, for all the tags that point at it.%n"
                + "Exit: 0 every tag signed, verified and passing; 1 otherwise (or a repository could not be listed); "
                + "2 bad input; 3 registry failure.")
public final class AuditCommand implements Callable<Integer> {

    private final Environment environment;

    AuditCommand(Environment environment) {
        this.environment = environment;
    }

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "REGISTRY/REPOSITORY",
            arity = "0..*",
            description =
                    "e.g. registry.example.com/payments/api (several of one registry: audited together); with --all just "
                            + "the registry.")
    List<String> targets = new ArrayList<>();

    @Mixin
    TrustFlags trust = new TrustFlags();

    @Option(names = "--all", description = "Every repository the registry's catalog lists.")
    boolean all;

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "Keep the passing tags here between audits, and check "
                    + "again only tags whose image, key, policies, data or advisory database changed since (every tag is still "
                    + "resolved at the registry).")
    Path state;

    @Option(names = "--full", description = "With --state: check every tag again, and write the state afresh.")
    boolean full;

    @Option(
            names = "--shard",
            paramLabel = "K/N",
            description = "Audit only share K of N (repositories, and the tags of "
                    + "large ones, split by name); combine the JSON reports with gate audit merge.")
    String shard;

    @Option(
            names = "--approved-policies",
            paramLabel = "FILE",
            description = "SHA-256 digests of approved policy files or "
                    + "signed policy bundles (one a line, or a JSON array): a tag whose verified decision record names a policy file "
                    + "not on the list, or that has no such record, fails.")
    Path approvedPolicies;

    @Mixin
    ReportOutput output = new ReportOutput();

    @Mixin
    RecheckFlags recheck = new RecheckFlags();

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        if (targets.isEmpty() || all && targets.size() > 1) {
            throw GateException.input(
                    "give REGISTRY/REPOSITORY... (or one REGISTRY with --all), or gate audit merge REPORT.json...");
        }
        String trustFlags =
                "give --key PUB, or --trusted-root with --certificate-identity and --certificate-oidc-issuer";
        if (recheck.requested() && !trust.given()) {
            throw GateException.input("--policy re-evaluates verified attestations: " + trustFlags);
        }
        if (!trust.requiredTypes().isEmpty() && !trust.given()) {
            throw GateException.input("--require-attestation needs verified attestations: " + trustFlags);
        }
        if (approvedPolicies != null && !trust.given()) {
            throw GateException.input("--approved-policies reads verified decision records: " + trustFlags);
        }
        if (full && state == null) {
            throw GateException.input("--full only means something with --state FILE");
        }
        Shard share = shard == null ? Shard.WHOLE : Shard.parse(shard);
        TrustedKeys trusted = trust.trustedKeys();
        RegistryOptions options = registry.toOptions();
        PolicyRecheck policyRecheck = recheck.recheck(options);
        PolicyGate policies = recheck.requested() ? policyRecheck.loadPolicies() : null;
        String host = all ? targets.get(0) : hostOf(targets.get(0));
        for (String target : targets) {
            if (!all && !hostOf(target).equals(host)) {
                throw GateException.input(target + ": not on " + host + "; one audit covers one registry");
            }
        }
        Auditor auditor = new Auditor(
                        options, trusted, trust.requiredTypes(), policyRecheck, policies, environment.variables())
                .withShard(share);
        if (approvedPolicies != null) {
            auditor = auditor.withApprovedPolicies(ApprovedPolicies.read(approvedPolicies));
        }
        if (state != null) {
            auditor = auditor.withState(full ? AuditState.fresh(state) : AuditState.read(state));
        }
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> repositories = all
                ? RegistryClient.openRegistry(host, options).catalog()
                : targets.stream()
                        .map(t -> t.substring(host.length() + 1))
                        .distinct()
                        .toList();
        AuditResult result = auditor.audit(host, repositories, all || repositories.size() > 1);
        output.write(
                new AuditReport(host, result, !trusted.isEmpty(), policies != null, started, share),
                spec.commandLine().getOut());
        return result.ok() ? 0 : 1;
    }

    private static String hostOf(String target) {
        String host = target.substring(0, Math.max(target.indexOf('/'), 0));
        if (host.isEmpty()) {
            throw GateException.input(target + ": expected REGISTRY/REPOSITORY (or REGISTRY with --all)");
        }
        return host;
    }
}
