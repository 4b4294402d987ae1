package dev.gate.cli.gate;

import dev.gate.cli.Environment;
import dev.gate.cli.policy.Durations;
import dev.gate.cli.policy.PolicySources;
import dev.gate.cli.sign.IdentityFlags;
import dev.gate.cli.sign.KeyFiles;
import dev.gate.cli.sign.VerifyCommand;
import dev.gate.errors.GateException;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.PipelineSettings;
import dev.gate.pipeline.analysis.JavaIndexes;
import dev.gate.pipeline.bundle.PolicyBundles;
import dev.gate.pipeline.findings.Baseline;
import dev.gate.pipeline.input.Params;
import dev.gate.pipeline.publish.SigningMethod;
import dev.gate.sbom.SbomGenerator;
import dev.gate.scan.Scanner;
import dev.gate.signing.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a gated push runs with: {@code gate push}'s flags over the configuration file (a flag wins, a list given as
 * flags replaces the file's), each value checked here, before the image is read, so a wrong key, a missing database
 * or an unverifiable policy bundle stops the run with nothing read or written.
 */
final class GateSettings {

    private final GateOptions flags;
    private final GateConfig cfg;

    GateSettings(GateOptions flags, GateConfig cfg) {
        this.flags = flags;
        this.cfg = cfg;
    }

    PipelineSettings resolve(
            String source,
            String destination,
            RegistryOptions registries,
            Environment environment,
            UnaryOperator<String> placeholders) {
        if (!flags.policy.given() && cfg.policies().isEmpty() && !flags.sbomOnly) {
            throw GateException.input("give --policy FILE|DIR (or policies: in the --config file)");
        }
        if (flags.sbomOnly && flags.policy.given()) {
            throw GateException.input("--sbom-only evaluates no policies; drop --policy or --sbom-only");
        }
        Set<String> insecure = new LinkedHashSet<>(
                registries.insecureRegistries().isEmpty() ? cfg.insecureRegistries() : registries.insecureRegistries());
        // Before the image is read: a bundle that does not verify stops the run here.
        List<String> named = flags.sbomOnly ? List.of() : flags.policy.given() ? flags.policy.policies : cfg.policies();
        // The file's keys and signer verify the bundles it or the flags name; trust given as flags replaces the file's.
        TrustedKeys policyTrust =
                flags.policy.policyTrust.given() || !named.stream().anyMatch(PolicyBundles::isBundleReference)
                        ? flags.policy.policyTrust.trusted()
                        : configuredPolicyTrust();
        PolicySources sources = PolicySources.resolve(named, policyTrust, registries.withInsecure(insecure));
        List<Path> policyPaths = sources.policies();
        Map<String, String> merged = Params.merge(cfg.params(), flags.policy.params);
        List<String> mirrors = (flags.also.isEmpty() ? cfg.also() : flags.also)
                .stream().map(placeholders).toList();
        return new PipelineSettings(
                source,
                destination,
                flags.publishedAs,
                mirrors,
                flags.sbomOnly ? List.of() : policyPaths,
                PolicySources.concat(sources.data(), flags.policy.data.isEmpty() ? cfg.data() : flags.policy.data),
                merged,
                flags.policy.namespace != null ? flags.policy.namespace : cfg.namespace(),
                signing(environment),
                scanDatabase(),
                flags.sbomOnly,
                flags.dryRun,
                flags.policy.failOnWarn || Boolean.TRUE.equals(cfg.failOnWarn()),
                registries.withInsecure(insecure),
                catalogTimeout(),
                cfg.file(),
                javaDb(),
                flags.policy.rego.version(),
                flags.policy.waivers(sources),
                flags.policy.vexStatements(registries.withInsecure(insecure)),
                flags.databaseMaxAge == null
                        ? GateOptions.DEFAULT_DATABASE_MAX_AGE
                        : Durations.parse(flags.databaseMaxAge, "--db-max-age"),
                sources.origins(),
                baseline(),
                flags.vexKeys.isEmpty() ? null : VerifyCommand.readPublicKeys(flags.vexKeys));
    }

    private Baseline.Request baseline() {
        if (flags.baseline == null) {
            if (flags.baselineKey != null)
                throw GateException.input("--baseline-key verifies the image --baseline names: give --baseline IMAGE");
            return null;
        }
        if (flags.noScan) throw GateException.input("--baseline compares findings: it needs a scan, drop --no-scan");
        return new Baseline.Request(
                flags.baseline, flags.baselineKey == null ? null : VerifyCommand.readPublic(flags.baselineKey));
    }

    private Duration catalogTimeout() {
        return flags.catalogTimeout == null
                ? SbomGenerator.DEFAULT_CATALOG_TIMEOUT
                : Durations.parse(flags.catalogTimeout, "--catalog-timeout");
    }

    /** The Java DB named, else one beside the advisory database (given or default), when there is one. */
    private JavaIndexes javaDb() {
        return flags.java.indexes(flags.database != null ? flags.database : cfg.db());
    }

    private Path scanDatabase() {
        if (flags.noScan || flags.sbomOnly) {
            return null;
        }
        Path db = flags.database != null ? flags.database : cfg.db() != null ? cfg.db() : Scanner.defaultDatabase();
        if (!Files.isRegularFile(db)) {
            throw GateException.input("advisory database " + db + " does not exist: import one with gate db import, "
                    + "give --db FILE, or skip the scan with --no-scan");
        }
        return db;
    }

    /** The configuration file's policyKeys and keyless policySigner. */
    private TrustedKeys configuredPolicyTrust() {
        TrustedKeys keys = VerifyCommand.readPublicKeys(cfg.policyKeys());
        GateConfig.PolicySigner signer = cfg.policySigner();
        return signer == null
                ? keys
                : keys.withIdentity(IdentityFlags.policy(
                        signer.trustedRoot(),
                        "policy-",
                        signer.identity(),
                        signer.identityRegexp(),
                        signer.issuer(),
                        signer.issuerRegexp()));
    }

    private SigningMethod signing(Environment environment) {
        if (flags.noSign) {
            if (flags.signing.given()) {
                throw GateException.input("--no-sign excludes --key and --keyless");
            }
            return SigningMethod.none();
        }
        flags.signing.refuseTokenWithoutKeyless();
        if (flags.signing.keyless()) {
            return SigningMethod.keyless(flags.signing.keylessService(environment));
        }
        Path keyFile = flags.signing.key() != null ? flags.signing.key() : cfg.key();
        if (keyFile == null) {
            throw GateException.input("give --key FILE, --keyless, or --no-sign (or key: in the --config file)");
        }
        // Dry runs too: a wrong password fails before the decision, not in the real run.
        return SigningMethod.key(KeyFiles.loadPrivateInBackground(keyFile, environment));
    }
}
