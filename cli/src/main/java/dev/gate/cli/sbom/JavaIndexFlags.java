package dev.gate.cli.sbom;

import dev.gate.pipeline.analysis.JavaIndexes;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What names Java archives besides themselves, spelled the same on every command that catalogs an image. */
public final class JavaIndexFlags {

    @Option(
            names = "--java-db",
            paramLabel = "FILE",
            description = "trivy's Java DB (trivy-java.db): Maven coordinates of jars by SHA-1 "
                    + "(default: trivy-java.db beside the advisory database, when there is one).")
    Path javaDb;

    @Option(
            names = "--java-lookup",
            description = "Also ask Maven Central's search service for jars by SHA-1 "
                    + "(only checksums are sent; answers cached in $XDG_CACHE_HOME/gate/java-lookup).")
    boolean javaLookup;

    @Option(
            names = "--java-lookup-url",
            paramLabel = "URL",
            hidden = true,
            description =
                    "The search service for --java-lookup (a mirror answering as search.maven.org/solrsearch/select does).")
    URI javaLookupUrl;

    /** Whether any of these flags was given. */
    public boolean given() {
        return javaDb != null || javaLookup;
    }

    /** The indexes these flags choose; {@code advisoryDatabase} (may be null) places the default Java DB. */
    public JavaIndexes indexes(Path advisoryDatabase) {
        return JavaIndexes.choose(javaDb, advisoryDatabase, javaLookup, javaLookupUrl);
    }
}
