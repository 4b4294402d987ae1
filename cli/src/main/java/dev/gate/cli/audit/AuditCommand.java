package dev.gate.cli.audit;

import dev.gate.signing.InTotoStatement;
import dev.gate.signing.TrustedKeys;
import dev.gate.pipeline.audit.AuditReport;
import dev.gate.pipeline.audit.Auditor;
import dev.gate.pipeline.audit.TagAudit;
import dev.gate.pipeline.PolicyGate;
import dev.gate.cli.policy.RecheckFlags;
import dev.gate.pipeline.PolicyRecheck;
import dev.gate.cli.push.RegistryFlags;
import dev.gate.cli.sign.Passwords;
import dev.gate.cli.sign.VerifyCommand;
import dev.gate.image.GateException;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(names = "--key", paramLabel = "FILE", description = "PUBLIC KEY PEM: verify signatures and attestations with it; "
            + "repeat to trust several keys (any one verifies).")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--require-attestation", paramLabel = "TYPE", description = "With --key: fail a tag without a verified "
            + "attestation of this type (cyclonedx, vuln or a predicate type URI); repeatable.")
    List<String> requiredAttestations = new ArrayList<>();

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
        if ((recheck.requested() || !requiredAttestations.isEmpty()) && keys.isEmpty()) {
            throw GateException.input((recheck.requested() ? "--policy" : "--require-attestation")
                    + " needs verified attestations: give --key PUB");
        }
        TrustedKeys trusted = VerifyCommand.readPublicKeys(keys);
        PolicyRecheck policyRecheck = recheck.recheck();
        PolicyGate policies = recheck.requested() ? policyRecheck.loadPolicies() : null;
        RegistryOptions options = registry.toOptions();
        String host = all ? target : target.substring(0, Math.max(target.indexOf('/'), 0));
        if (host.isEmpty()) {
            throw GateException.input(target + ": expected REGISTRY/REPOSITORY (or REGISTRY with --all)");
        }
        List<String> repositories = all ? RegistryClient.openRegistry(host, options).catalog()
                : List.of(target.substring(host.length() + 1));
        Auditor auditor = new Auditor(options, trusted, requiredAttestations.stream().map(InTotoStatement::predicateTypeFor).toList(),
                policyRecheck, policies, Passwords.environment);
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
