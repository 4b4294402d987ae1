package dev.gate.pipeline;

import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.analysis.JavaIndexes;
import dev.gate.pipeline.bundle.PolicyOrigins;
import dev.gate.pipeline.findings.Baseline;
import dev.gate.pipeline.findings.VexStatements;
import dev.gate.pipeline.findings.Waivers;
import dev.gate.pipeline.publish.SigningMethod;
import dev.gate.policy.PolicySet;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.sbom.SbomGenerator;
import dev.gate.signing.TrustedKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One gate run, with the flags and the configuration file already merged.
 *
 * @param publishedAs for an OCI layout destination, the reference it will be published under (--name), or null
 * @param database null when the scan is skipped
 * @param policies empty only with {@code sbomOnly}
 * @param catalogTimeout the time cataloging one platform image may take (--catalog-timeout)
 * @param config the configuration file read, for the decision record, or null when none was named
 * @param java what names Java archives besides themselves: trivy's Java DB (--java-db, else beside the advisory
 *             database) and Maven Central's search service (--java-lookup)
 * @param regoVersion the dialect the policies are read in (--rego-version)
 * @param waivers time-boxed exceptions for findings and rules (--waivers), read and checked already
 * @param vex VEX statements (--vex): findings they say do not affect the image, or are fixed in it
 * @param vexKeys the keys whose OpenVEX attestations of the source image apply as well (--vex-key); null reads none
 * @param databaseMaxAge a scan refuses a database last known current longer ago than this (--db-max-age); null: no limit
 * @param policyOrigins the verified policy bundles some of {@code policies}, {@code data} and {@code waivers} came from
 * @param baseline a previously gated image whose findings are not new (--baseline), or null; a null key there means
 *                 the signing key's public half
 */
public record PipelineSettings(
        String source,
        String destination,
        String publishedAs,
        List<String> also,
        List<Path> policies,
        List<Path> data,
        Map<String, String> params,
        String namespace,
        SigningMethod signing,
        Path database,
        boolean sbomOnly,
        boolean dryRun,
        boolean failOnWarn,
        RegistryOptions registries,
        Duration catalogTimeout,
        PolicySet.LoadedFile config,
        JavaIndexes java,
        RegoVersion regoVersion,
        List<Waivers.Waiver> waivers,
        VexStatements.Documents vex,
        Duration databaseMaxAge,
        PolicyOrigins policyOrigins,
        Baseline.Request baseline,
        TrustedKeys vexKeys) {

    /** Settings with the default catalog time budget, no configuration file and no Java index. */
    public PipelineSettings(
            String source,
            String destination,
            String publishedAs,
            List<String> also,
            List<Path> policies,
            List<Path> data,
            Map<String, String> params,
            String namespace,
            SigningMethod signing,
            Path database,
            boolean sbomOnly,
            boolean dryRun,
            boolean failOnWarn,
            RegistryOptions registries) {
        this(
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
                SbomGenerator.DEFAULT_CATALOG_TIMEOUT,
                null,
                JavaIndexes.NONE,
                RegoVersion.V1,
                List.of(),
                VexStatements.Documents.NONE,
                null,
                PolicyOrigins.LOCAL,
                null,
                null);
    }
}
