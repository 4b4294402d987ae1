package dev.gate.pipeline;

import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.transport.PushListener;
import dev.gate.pipeline.analysis.JavaIndexes;
import dev.gate.pipeline.findings.VexStatements;
import dev.gate.pipeline.findings.Waivers;
import dev.gate.pipeline.publish.SigningMethod;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.sbom.SbomGenerator;
import dev.gate.signing.CosignKeyPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * gate as a library: the run {@code gate push --policy} makes, set up in code.
 *
 * <pre>{@code
 * GateRun run = Gate.push("oci:build/app:1.0.0", "registry.example.com/team/app:1.0.0")
 *         .policy(Path.of("policies/prod.rego"))
 *         .data(Path.of("policies/data.example.yaml"))
 *         .database(Path.of("osv.db"))
 *         .signWith(CosignKeyFile.decrypt(Files.readString(keyFile), password, keyFile.toString()))
 *         .run();
 * if (!run.allowed()) { ... run.decision().failures() ... }
 * }</pre>
 *
 * The image is read once and verified against its digests, cataloged, scanned and decided; only when the policies
 * allow it is it published, signature and attestations first and the tag last. Errors are
 * {@link dev.gate.errors.GateException}s whose kind says whether the input or the surroundings failed.
 */
public final class Gate {

    private Gate() {}

    /** A gated push of {@code source} (any transport gate reads) to {@code destination} (a registry or {@code oci:DIR:TAG}). */
    public static Push push(String source, String destination) {
        return new Push(source, destination);
    }

    /** The settings of one push; each setter returns this builder. */
    public static final class Push {

        private final String source;
        private final String destination;
        private final List<Path> policies = new ArrayList<>();
        private final List<Path> data = new ArrayList<>();
        private final Map<String, String> params = new LinkedHashMap<>();
        private final List<String> also = new ArrayList<>();
        private final List<Path> waivers = new ArrayList<>();
        private final List<Path> vex = new ArrayList<>();
        private String namespace;
        private Path database;
        private Duration databaseMaxAge;
        private SigningMethod signing = SigningMethod.none();
        private boolean sbomOnly;
        private boolean dryRun;
        private boolean failOnWarn;
        private String publishedAs;
        private RegistryOptions registries = RegistryOptions.defaults();
        private Duration catalogTimeout = SbomGenerator.DEFAULT_CATALOG_TIMEOUT;
        private JavaIndexes java = JavaIndexes.NONE;
        private RegoVersion regoVersion = RegoVersion.V1;
        private UnaryOperator<String> environment = System::getenv;
        private PushListener listener = PushListener.NONE;

        private Push(String source, String destination) {
            this.source = Objects.requireNonNull(source);
            this.destination = Objects.requireNonNull(destination);
        }

        /** A Rego file or folder; at least one, unless {@link #sbomOnly()}. */
        public Push policy(Path policy) {
            policies.add(policy);
            return this;
        }

        /** A JSON or YAML data document, under {@code data}. */
        public Push data(Path document) {
            data.add(document);
            return this;
        }

        /** {@code input.context.params.name = value}. */
        public Push param(String name, String value) {
            params.put(name, value);
            return this;
        }

        /** The Rego dialect of policy files that do not say (a file importing rego.v1 is v1 either way). */
        public Push regoVersion(RegoVersion version) {
            regoVersion = Objects.requireNonNull(version);
            return this;
        }

        /** A waiver file (YAML or JSON): time-boxed exceptions for findings and rules. */
        public Push waivers(Path file) {
            waivers.add(file);
            return this;
        }

        /** A VEX document (OpenVEX or CycloneDX VEX) whose statements mark the findings they cover. */
        public Push vex(Path document) {
            vex.add(document);
            return this;
        }

        /** Only this Rego package decides. */
        public Push namespace(String packageName) {
            namespace = packageName;
            return this;
        }

        /** The advisory database to scan with; without one the image is not scanned. */
        public Push database(Path file) {
            database = file;
            return this;
        }

        /** Refuse (an operational GateException) a database last known current longer ago than this. */
        public Push databaseMaxAge(Duration limit) {
            databaseMaxAge = limit;
            return this;
        }

        public Push signWith(CosignKeyPair key) {
            signing = SigningMethod.key(key);
            return this;
        }

        /** Keyless, through {@code service} (sigstore public-good in use, with an OIDC identity token). */
        public Push signKeyless(dev.gate.signing.KeylessSigning service) {
            signing = SigningMethod.keyless(service);
            return this;
        }

        /** Catalog and attach the SBOM only: no scan, no policies. */
        public Push sbomOnly() {
            sbomOnly = true;
            return this;
        }

        /** Everything except writing to the destinations. */
        public Push dryRun() {
            dryRun = true;
            return this;
        }

        public Push failOnWarn() {
            failOnWarn = true;
            return this;
        }

        /** The same signed result to another destination too. */
        public Push also(String destination) {
            also.add(destination);
            return this;
        }

        /** For an OCI layout destination: the registry reference the image will be published under. */
        public Push publishedAs(String reference) {
            publishedAs = reference;
            return this;
        }

        public Push registries(RegistryOptions options) {
            registries = Objects.requireNonNull(options);
            return this;
        }

        public Push catalogTimeout(Duration limit) {
            catalogTimeout = Objects.requireNonNull(limit);
            return this;
        }

        /** What names Java archives that do not name themselves: trivy's Java DB, Maven Central's search. */
        public Push javaIndexes(JavaIndexes indexes) {
            java = Objects.requireNonNull(indexes);
            return this;
        }

        /** Where CI variables are read from (the policy input's context); the process environment by default. */
        public Push environment(UnaryOperator<String> variables) {
            environment = Objects.requireNonNull(variables);
            return this;
        }

        /** Told about each blob and manifest as it is published. */
        public Push listener(PushListener progress) {
            listener = Objects.requireNonNull(progress);
            return this;
        }

        public PipelineSettings settings() {
            return new PipelineSettings(
                    source,
                    destination,
                    publishedAs,
                    also,
                    policies,
                    data,
                    params,
                    namespace,
                    signing,
                    database,
                    sbomOnly,
                    dryRun,
                    failOnWarn,
                    registries,
                    catalogTimeout,
                    null,
                    java,
                    regoVersion,
                    Waivers.read(waivers),
                    VexStatements.read(vex),
                    databaseMaxAge,
                    dev.gate.pipeline.bundle.PolicyOrigins.LOCAL,
                    null,
                    null);
        }

        public GateRun run() {
            return new GatePipeline(settings(), environment).run(listener);
        }
    }
}
