package dev.gate.sbom.catalog;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Gathers what one archive says about itself ({@code META-INF/maven/**\/pom.properties}, {@code MANIFEST.MF},
 * the package of its classes, its SHA-1 and SHA-256, all in the one pass) and descends into nested archives.
 * A nested archive is read as a stream out of its parent's entry, never copied into memory, so a jar in a jar in a jar costs a few
 * buffers per level whatever its size. Entries whose sizes the local header gives and that are not read
 * (classes and resources: only their names count) are passed over without inflating them. What is kept
 * (metadata entries, paths, packages) and what is inflated (metadata, nested archives, and entries whose end
 * only inflating finds) are bounded per top-level archive, so a crafted image costs a fixed amount of heap and
 * work; what the bounds leave unread is reported as a problem.
 */
final class JarReader {

    static final int MAX_DEPTH = 4;
    /** Inflated bytes, all levels counted: the work a zip bomb can buy. */
    static final long MAX_INFLATED = 1L << 30;
    /** A pom.properties, pom.xml or MANIFEST.MF is a few KiB; only these are held in memory. */
    static final int MAX_METADATA_ENTRY = 1 << 20;
    /** Metadata entries and nested archive paths kept, together. */
    static final long MAX_KEPT = 16L << 20;

    static final int MAX_NESTED_ARCHIVES = 10_000;
    /** Archives described (the top-level one and those nested in it). */
    static final int MAX_PACKAGES = 5_000;

    static final int MAX_PROBLEMS = 100;
    static final int CHECKSUM_BLOCK = 64 << 10;
    /** A manifest value that names something is short; longer ones are cut, not kept whole. */
    static final int MAX_MANIFEST_VALUE = 256;

    private final CatalogDeadline deadline;
    private final ArchiveBudget budget = new ArchiveBudget();
    private final byte[] scratch = new byte[8192];

    JarReader(CatalogDeadline deadline) {
        this.deadline = deadline;
    }

    /**
     * The evidence of the archive at {@code path} and of the archives nested in it, read once from
     * {@code archive}, and what could not be
     * read (at most {@link #MAX_PROBLEMS} problems and a count of the rest). A bound that stops the reading is
     * a problem and what was found before it stays; only a spent deadline is thrown.
     */
    JarFindings read(String path, InputStream archive) {
        List<ArchiveEvidence> found = new ArrayList<>();
        try {
            readArchive(path, deadline.guard(archive), 0, found);
        } catch (ArchiveBudget.Stopped e) {
            budget.problem(path + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof CatalogDeadline.Exceeded spent) {
                throw spent;
            }
            budget.problem("java archive unreadable: " + e.getMessage());
        }
        return new JarFindings(found, budget.problems());
    }

    private void readArchive(String path, InputStream in, int depth, List<ArchiveEvidence> found) throws IOException {
        List<MavenCoordinates> poms = new ArrayList<>();
        java.util.Set<String> pomFolders = new java.util.HashSet<>();
        Map<String, MavenCoordinates> pomXmls = new LinkedHashMap<>();
        Manifest manifest = null;
        CommonPackage classes = new CommonPackage();
        ChecksummingInputStream checksummed = new ChecksummingInputStream(in);
        // The zip reader asks for 512 bytes at a time; checksums fed in large blocks run several times faster.
        InputStream buffered = new BufferedInputStream(checksummed, CHECKSUM_BLOCK);
        String[] checksums = null;
        // Closing the reader frees its inflater; the parent's stream stays open for its next entries.
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(unclosable(buffered), "UTF-8", true, false)) {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                deadline.check();
                InputStream content = budget.counted(zip);
                String name = entry.getName();
                classes.add(name);
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    byte[] bytes = metadata(path + ":" + name, content);
                    if (bytes != null) {
                        poms.add(pom(bytes));
                        pomFolders.add(name.substring(0, name.length() - "pom.properties".length()));
                    }
                } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml")) {
                    byte[] bytes = metadata(path + ":" + name, content);
                    MavenCoordinates pom = bytes == null ? null : EmbeddedPom.of(bytes);
                    if (pom != null) {
                        pomXmls.put(name.substring(0, name.length() - "pom.xml".length()), pom);
                    }
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    byte[] bytes = metadata(path + ":" + name, content);
                    manifest = bytes == null ? manifest : manifest(path + ":" + name, bytes, manifest);
                } else if (JavaCataloger.isArchive(name) && !entry.isDirectory()) {
                    nested(path + ":" + name, content, depth, found);
                }
                if (entry.getGeneralPurposeBit().usesDataDescriptor()) {
                    drain(content); // its end is found only by inflating it: work the bound counts
                }
                // Any other entry's rest is passed over as it lies, never inflated: a class's name is all that is used.
            }
            // A pom.xml speaks only for a folder whose pom.properties is missing.
            pomXmls.forEach((folder, pom) -> {
                if (!pomFolders.contains(folder)) {
                    poms.add(pom);
                }
            });
            // The central directory follows the last entry; the checksums cover it too.
            checksummed.readToEnd(scratch);
            checksums = checksummed.hex();
        } catch (ArchiveBudget.Stopped e) {
            addEvidence(path, null, poms, manifest, classes, found); // what was read before the bound still counts
            throw e;
        }
        addEvidence(path, checksums, poms, manifest, classes, found);
    }

    /** {@code checksums}: hex SHA-1 and SHA-256, or null when the archive was not read to its end. */
    private void addEvidence(
            String path,
            String[] checksums,
            List<MavenCoordinates> poms,
            Manifest manifest,
            CommonPackage classes,
            List<ArchiveEvidence> found) {
        if (found.size() >= MAX_PACKAGES) {
            budget.problem(path + ": more than " + MAX_PACKAGES + " archives and packages in one archive, not listed");
            return;
        }
        found.add(new ArchiveEvidence(
                path,
                checksums == null ? null : checksums[0],
                checksums == null ? null : checksums[1],
                poms,
                naming(manifest),
                classes.prefix(),
                classes.classes()));
    }

    private static Map<String, String> naming(Manifest manifest) {
        Map<String, String> kept = new LinkedHashMap<>();
        if (manifest == null) {
            return kept;
        }
        Attributes main = manifest.getMainAttributes();
        for (String name : ArchiveEvidence.MANIFEST_NAMES) {
            String value = main.getValue(name);
            if (value != null && !value.isBlank()) {
                kept.put(name, value.length() > MAX_MANIFEST_VALUE ? value.substring(0, MAX_MANIFEST_VALUE) : value);
            }
        }
        return kept;
    }

    private void nested(String path, InputStream content, int depth, List<ArchiveEvidence> found) throws IOException {
        if (depth + 1 >= MAX_DEPTH) {
            budget.problem(path + ": nested deeper than " + MAX_DEPTH + " archives, not read");
            return;
        }
        if (!budget.anotherNestedArchive()) {
            budget.problem(path + ": more than " + MAX_NESTED_ARCHIVES + " nested archives, not read");
            return;
        }
        if (!budget.keep(path.length())) {
            budget.problem(path + ": nested archive not read, the memory budget for names is spent");
            return;
        }
        try {
            readArchive(path, content, depth + 1, found);
        } catch (ArchiveBudget.Stopped | CatalogDeadline.Exceeded e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            budget.problem(path + ": nested archive unreadable: " + e.getMessage());
        }
    }

    /** A manifest Java cannot parse (a line over 512 bytes, say) is a problem; the rest of the archive is still read. */
    private Manifest manifest(String path, byte[] bytes, Manifest previous) {
        try {
            return new Manifest(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            budget.problem(path + ": unreadable (" + e.getMessage() + ")");
            return previous;
        }
    }

    /** A metadata entry's bytes, or null (and a problem) when it is over the bounds. */
    private byte[] metadata(String path, InputStream content) throws IOException {
        byte[] bytes = content.readNBytes(MAX_METADATA_ENTRY + 1);
        if (bytes.length > MAX_METADATA_ENTRY) {
            budget.problem(path + ": over " + MAX_METADATA_ENTRY + " bytes, not read");
            return null;
        }
        if (!budget.keep(bytes.length)) {
            budget.problem(path + ": not read, the memory budget for metadata is spent");
            return null;
        }
        return bytes;
    }

    /** Reads the rest of an entry through the counter: inflated bytes are work too. */
    private void drain(InputStream content) throws IOException {
        while (content.read(scratch) > 0) {
            // counted by the stream
        }
    }

    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the parent reader owns the stream
            }
        };
    }

    /** The three values gate uses from a pom.properties; the rest of the file is not kept. */
    private static MavenCoordinates pom(byte[] pomProperties) throws IOException {
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(pomProperties));
        return new MavenCoordinates(
                cut(p.getProperty("groupId")), cut(p.getProperty("artifactId")), cut(p.getProperty("version")));
    }

    private static String cut(String value) {
        return value == null
                ? null
                : value.strip().substring(0, Math.min(value.strip().length(), MAX_MANIFEST_VALUE));
    }
}
