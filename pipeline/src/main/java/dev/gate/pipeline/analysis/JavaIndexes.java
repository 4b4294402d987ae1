package dev.gate.pipeline.analysis;

import dev.gate.sbom.catalog.JavaIndex;
import dev.gate.sbom.catalog.MavenCentralLookup;
import dev.gate.sbom.catalog.TrivyJavaDb;
import dev.gate.scan.Scanner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What names the Java archives of an image besides the archives themselves: trivy's Java DB (the
 * {@code --java-db FILE} given, which must exist, else a {@code trivy-java.db} beside the advisory database)
 * and, only with {@code --java-lookup}, Maven Central's search service, asked after the DB.
 *
 * @param javaDb null for none
 * @param lookup the search service's endpoint, or null for none
 */
public record JavaIndexes(Path javaDb, URI lookup) {

    public static final JavaIndexes NONE = new JavaIndexes(null, null);

    /** {@code javaDb} when given, else the one beside {@code advisoryDb} (or the default database) when present. */
    public static JavaIndexes choose(Path javaDb, Path advisoryDb, boolean lookup, URI lookupEndpoint) {
        Path db = javaDb;
        if (db == null) {
            Path beside = (advisoryDb != null ? advisoryDb.toAbsolutePath() : Scanner.defaultDatabase())
                    .resolveSibling(TrivyJavaDb.FILE_NAME);
            db = Files.isRegularFile(beside) ? beside : null;
        }
        return new JavaIndexes(
                db, lookup ? (lookupEndpoint != null ? lookupEndpoint : MavenCentralLookup.CENTRAL) : null);
    }

    /** The index to catalog with; close it when done. */
    public Opened open() {
        TrivyJavaDb db = javaDb == null ? null : TrivyJavaDb.open(javaDb);
        JavaIndex local = db == null ? JavaIndex.NONE : db;
        JavaIndex index = lookup == null
                ? local
                : JavaIndex.firstOf(
                        local,
                        new MavenCentralLookup(lookup, Scanner.defaultDatabase().resolveSibling("java-lookup")));
        return new Opened(index, db);
    }

    /** An open index and the database it holds open. */
    public record Opened(JavaIndex index, TrivyJavaDb db) implements AutoCloseable {
        @Override
        public void close() {
            if (db != null) {
                db.close();
            }
        }
    }
}
