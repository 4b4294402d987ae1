package dev.gate.cli.audit;

import dev.gate.signing.TrustedKeys;
import dev.gate.pipeline.audit.AuditReport;
import dev.gate.pipeline.audit.Auditor;
import dev.gate.pipeline.audit.TagAudit;
import dev.gate.pipeline.PolicyGate;
import dev.gate.cli.policy.RecheckFlags;
import dev.gate.pipeline.PolicyRecheck;
import dev.gate.cli.push.RegistryFlags;
import dev.gate.cli.sign.Passwords;
import dev.gate.cli.sign.TrustFlags;
import dev.gate.image.GateException;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate audit REGISTRY/REPOSITORY}: every tag verified and evaluated, as a table, JSON or an HTML report. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify every tag of a repository (--all: every repository of the registry's catalog) and, with "
                + "--policy, re-evaluate the policies against the stored attestations.%n"
                + "Exit: 0 every tag signed, verified and passing; 1 otherwise; 2 bad input; 3 registry failure.")
public final class AuditCommand implements Callable<Integer> {

    /** Tags cosign and the referrers fallback use for what hangs off an image; they are not images to audit. */

    enum Format { text, json, html }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REGISTRY/REPOSITORY", description = "e.g. registry.example.com/payments/api; with --all just the registry.")
    String target;

    @Mixin
    TrustFlags trust = new TrustFlags();

    @Option(names = "--all", description = "Every repository the registry's catalog lists.")
    boolean all;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path outputFile;

    @Mixin
    RecheckFlags recheck = new RecheckFlags();

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Override
    public Integer call() {
        if (recheck.requested() && !trust.hasKeys()) {
            throw GateException.input("--policy re-evaluates key-signed attestations: give --key PUB");
        }
        if (!trust.requiredTypes().isEmpty() && !trust.hasKeys()) {
            throw GateException.input("--require-attestation needs attestations verified with a key: give --key PUB");
        }
        TrustedKeys trusted = trust.trustedKeys();
        PolicyRecheck policyRecheck = recheck.recheck();
        PolicyGate policies = recheck.requested() ? policyRecheck.loadPolicies() : null;
        RegistryOptions options = registry.toOptions();
        String host = all ? target : target.substring(0, Math.max(target.indexOf('/'), 0));
        if (host.isEmpty()) {
            throw GateException.input(target + ": expected REGISTRY/REPOSITORY (or REGISTRY with --all)");
        }
        List<String> repositories = all ? RegistryClient.openRegistry(host, options).catalog()
                : List.of(target.substring(host.length() + 1));
        Auditor auditor = new Auditor(options, trusted, trust.requiredTypes(), policyRecheck, policies, Passwords.environment);
        List<TagAudit> results = auditor.audit(host, repositories);
        AuditReport report = new AuditReport(host, results, !trusted.isEmpty(), policies != null);
        String text = switch (format) {
            case text -> report.table();
            case json -> report.json();
            case html -> report.html();
        };
        write(text);
        return results.stream().allMatch(TagAudit::ok) ? 0 : 1;
    }

    private void write(String text) {
        if (outputFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        try {
            Files.writeString(outputFile, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GateException.operational("cannot write " + outputFile + ": " + e.getMessage(), e);
        }
    }
}
