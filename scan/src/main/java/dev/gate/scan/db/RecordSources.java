package dev.gate.scan.db;

import dev.gate.errors.GateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Walks import paths: a directory tree of {@code *.json} (and {@code *.zip}) files, or a zip laid
 * out like osv.dev's {@code <ecosystem>/all.zip}, handing each record's bytes to a visitor.
 */
final class RecordSources {

    /** Receives one record file: where it came from (for messages) and its bytes. */
    interface Visitor {
        void record(String origin, byte[] bytes);
    }

    private RecordSources() {}

    static void walk(Path path, Visitor visitor) {
        if (Files.isDirectory(path)) {
            walkDirectory(path, visitor);
        } else if (Files.isRegularFile(path)) {
            walkFile(path, visitor);
        } else {
            throw GateException.input("import path " + path + " does not exist");
        }
    }

    private static void walkDirectory(Path dir, Visitor visitor) {
        List<Path> files;
        try (Stream<Path> tree = Files.walk(dir)) {
            files = tree.filter(Files::isRegularFile)
                    .filter(RecordSources::isImportable)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw GateException.operational("cannot read " + dir + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            walkFile(file, visitor);
        }
    }

    private static boolean isImportable(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".zip");
    }

    private static void walkFile(Path file, Visitor visitor) {
        if (file.getFileName().toString().endsWith(".zip")) {
            walkZip(file, visitor);
            return;
        }
        try {
            visitor.record(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw GateException.operational("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void walkZip(Path file, Visitor visitor) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".json")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    visitor.record(file + "!" + entry.getName(), in.readAllBytes());
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw GateException.input(file + " is not a readable zip: " + e.getMessage());
        } catch (IOException e) {
            throw GateException.operational("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
