package dev.gate.cli.sbom;

import dev.gate.sbom.catalog.JavaIndex;
import dev.gate.sbom.catalog.TrivyJavaDb;
import dev.gate.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which Java index names the archives of an image: the {@code --java-db FILE} given (it must exist), else a
 * {@code trivy-java.db} beside the advisory database, else none.
 */
public final class JavaIndexes {

    private JavaIndexes() {
    }

    /** The file to use, or null: {@code javaDb} when given, else the one beside {@code advisoryDb} when present. */
    public static Path choose(Path javaDb, Path advisoryDb) {
        if (javaDb != null) {
            return javaDb;
        }
        Path beside = (advisoryDb != null ? advisoryDb.toAbsolutePath() : Scanner.defaultDatabase()).resolveSibling(TrivyJavaDb.FILE_NAME);
        return Files.isRegularFile(beside) ? beside : null;
    }

    /** An open index for {@code file}, or {@link JavaIndex#NONE} when null; close it with {@link #close}. */
    public static JavaIndex open(Path file) {
        return file == null ? JavaIndex.NONE : TrivyJavaDb.open(file);
    }

    public static void close(JavaIndex index) {
        if (index instanceof TrivyJavaDb db) {
            db.close();
        }
    }
}
