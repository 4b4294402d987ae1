package dev.gate.cli.gate;

import dev.gate.cli.Environment;
import dev.gate.cli.policy.PolicyFlags;
import dev.gate.cli.sbom.JavaIndexFlags;
import dev.gate.cli.sign.SigningFlags;
import dev.gate.errors.GateException;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.PipelineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code gate push} that turn a plain push into the gate. Repeatable flags take one value each. */
public final class GateOptions {

    @Mixin
    PolicyFlags policy = new PolicyFlags();

    @Option(
            names = "--baseline",
            paramLabel = "IMAGE",
            description = "A previously gated image (e.g. the tag in production): its verified "
                    + "vulnerability attestations fill input.baseline and mark each finding new: true|false.")
    String baseline;

    @Option(
            names = "--baseline-key",
            paramLabel = "FILE",
            description =
                    "Public key the baseline's attestations must verify with " + "(default: the public half of --key).")
    Path baselineKey;

    @Mixin
    SigningFlags signing = new SigningFlags();

    @Option(names = "--no-sign", description = "Push without signature or attestations.")
    boolean noSign;

    @Option(
            names = "--db",
            paramLabel = "FILE",
            description = "Advisory database (default: $XDG_CACHE_HOME/gate/osv.db).")
    Path database;

    @Mixin
    JavaIndexFlags java = new JavaIndexFlags();

    @Option(
            names = "--no-scan",
            description =
                    "Skip the vulnerability scan (input.vulnerabilities is empty, input.scan.skipped true: prod.rego denies it unless waived).")
    boolean noScan;

    @Option(names = "--sbom-only", description = "Catalog and attach the SBOM only: no scan, no policies.")
    boolean sbomOnly;

    @Option(names = "--dry-run", description = "Do everything except writing to the destination.")
    boolean dryRun;

    @Option(
            names = "--also",
            paramLabel = "DEST",
            description = "Push the same signed result to DEST too (repeatable); " + "placeholders as in DEST.")
    List<String> also = new ArrayList<>();

    @Option(
            names = "--name",
            paramLabel = "REF",
            description = "For an oci:DIR:TAG destination: the registry reference the "
                    + "image will be published under; policies and signatures name it instead of the directory.")
    String publishedAs;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Defaults from this YAML file (else the file GATE_CONFIG "
                    + "names; no other file is read). The command line wins over it.")
    Path config;

    @Option(
            names = "--sarif",
            paramLabel = "FILE",
            description = "Also write findings and rule results as SARIF 2.1.0 to FILE.")
    Path sarif;

    @Option(
            names = "--catalog-timeout",
            paramLabel = "DURATION",
            description = "Time budget for cataloging each platform "
                    + "image; over it the gate fails (exit 2) and pushes nothing (default: 10m).")
    String catalogTimeout;

    @Option(
            names = "--vex-key",
            paramLabel = "FILE",
            description =
                    "Public key whose OpenVEX attestations of the source image (in "
                            + "its registry or oci: layout) apply as --vex documents do (repeatable: any listed key verifies). Without it none are read.")
    List<Path> vexKeys = new ArrayList<>();

    @Option(
            names = "--db-max-age",
            paramLabel = "DURATION",
            description = "Refuse (exit 3) an advisory database last known "
                    + "current longer ago than this, e.g. 12h or 5d (default with --policy: 5d).")
    String databaseMaxAge;

    /** Without --db-max-age a gated push still refuses a database older than this: "no known vulnerabilities" must mean today's. */
    static final Duration DEFAULT_DATABASE_MAX_AGE = Duration.ofDays(5);

    /** Whether this run is the gate (policies given, here or in the config) rather than a plain push. */
    public boolean gateRequested(GateConfig loaded) {
        return policy.given() || sbomOnly || !loaded.policies().isEmpty();
    }

    /** A plain push ignores none of the gate's flags silently: they need --policy or --sbom-only. */
    public void refuseGateFlagsOnAPlainPush() {
        boolean gateOnly = signing.given()
                || noSign
                || database != null
                || noScan
                || dryRun
                || !also.isEmpty()
                || sarif != null
                || publishedAs != null
                || policy.anyBesidesPolicies()
                || catalogTimeout != null
                || databaseMaxAge != null
                || java.given()
                || baseline != null
                || baselineKey != null
                || !vexKeys.isEmpty();
        if (gateOnly) {
            throw GateException.input(
                    "signing, scanning and the other gate flags need --policy FILE|DIR (or --sbom-only); "
                            + "without them gate push copies the image unchanged");
        }
    }

    public GateConfig loadConfig(UnaryOperator<String> environment) {
        return GateConfig.load(config, environment);
    }

    public Path sarifFile() {
        return sarif;
    }

    /** Whether --dry-run asked that nothing be written. */
    public boolean dryRun() {
        return dryRun;
    }

    /** Flags win over the configuration file; a list given as flags replaces the file's list. */
    public PipelineSettings settings(
            String source, String destination, GateConfig cfg, RegistryOptions registries, Environment environment) {
        return settings(source, destination, cfg, registries, environment, UnaryOperator.identity());
    }

    /** As above, each further destination ({@code --also}) with its placeholders filled by {@code placeholders}. */
    public PipelineSettings settings(
            String source,
            String destination,
            GateConfig cfg,
            RegistryOptions registries,
            Environment environment,
            UnaryOperator<String> placeholders) {
        return new GateSettings(this, cfg).resolve(source, destination, registries, environment, placeholders);
    }
}
