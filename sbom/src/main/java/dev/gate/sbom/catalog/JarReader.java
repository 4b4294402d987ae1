package dev.gate.sbom.catalog;

import dev.gate.sbom.catalog.JarFindings.Coordinates;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads one archive's {@code META-INF/maven/**\/pom.properties}, falling back to its
 * {@code MANIFEST.MF} and file name, and descends into nested archives. A nested archive is read as a
 * stream out of its parent's entry, never copied into memory, so a jar in a jar in a jar costs a few
 * buffers per level whatever its size. What is kept (metadata entries, paths, packages) and what is
 * inflated (every entry of every level, skipped ones too) are bounded per top-level archive, so a crafted
 * image costs a fixed amount of heap and work; what the bounds leave unread is reported as a problem.
 */
final class JarReader {

    static final int MAX_DEPTH = 4;
    /** Inflated bytes, all levels and skipped entries counted: the work a zip bomb can buy. */
    static final long MAX_INFLATED = 1L << 30;
    /** A pom.properties or MANIFEST.MF is a few KiB; only these are held in memory. */
    static final int MAX_METADATA_ENTRY = 1 << 20;
    /** Metadata entries and nested archive paths kept, together. */
    static final long MAX_KEPT = 16L << 20;
    static final int MAX_NESTED_ARCHIVES = 10_000;
    static final int MAX_PACKAGES = 5_000;
    static final int MAX_PROBLEMS = 100;
    private static final Pattern NAME_VERSION = Pattern.compile("^(.+?)-(\\d[\\w.+-]*)$");

    private final CatalogDeadline deadline;
    private final List<String> problems = new ArrayList<>();
    private final byte[] scratch = new byte[8192];
    private int problemsLeftOut;
    private long inflated;
    private long kept;
    private int nestedArchives;

    JarReader(CatalogDeadline deadline) {
        this.deadline = deadline;
    }

    /**
     * The packages found in the archive at {@code path}, read once from {@code archive}, and what could not be
     * read (at most {@link #MAX_PROBLEMS} problems and a count of the rest). A bound that stops the reading is
     * a problem and what was found before it stays; only a spent deadline is thrown.
     */
    JarFindings read(String path, InputStream archive) {
        List<Coordinates> found = new ArrayList<>();
        try {
            readArchive(path, deadline.guard(archive), 0, found);
        } catch (Stopped e) {
            problem(path + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof CatalogDeadline.Exceeded spent) {
                throw spent;
            }
            problem("java archive unreadable: " + e.getMessage());
        }
        List<String> all = new ArrayList<>(problems);
        if (problemsLeftOut > 0) {
            all.add(problemsLeftOut + " more problems in this archive not listed");
        }
        return new JarFindings(found, all);
    }

    private void readArchive(String path, InputStream in, int depth, List<Coordinates> found) throws IOException {
        List<Pom> poms = new ArrayList<>();
        Manifest manifest = null;
        // Closing the reader frees its inflater; the parent's stream stays open for its next entries.
        try (ZipInputStream zip = new ZipInputStream(unclosable(in))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                deadline.check();
                InputStream content = counted(zip);
                String name = entry.getName();
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    byte[] bytes = metadata(path + ":" + name, content);
                    if (bytes != null) {
                        poms.add(Pom.of(bytes));
                    }
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    byte[] bytes = metadata(path + ":" + name, content);
                    manifest = bytes == null ? manifest : new Manifest(new ByteArrayInputStream(bytes));
                } else if (JavaCataloger.isArchive(name) && !entry.isDirectory()) {
                    nested(path + ":" + name, content, depth, found);
                }
                drain(content);
            }
        } catch (Stopped e) {
            addPackages(path, poms, manifest, found); // what was read before the bound still counts
            throw e;
        }
        addPackages(path, poms, manifest, found);
    }

    private void addPackages(String path, List<Pom> poms, Manifest manifest, List<Coordinates> found) {
        int before = found.size();
        for (Pom pom : poms) {
            add(found, pom.group(), pom.artifact(), pom.version(), path);
        }
        if (found.size() == before) {
            fromManifest(path, manifest, found);
        }
    }

    private void nested(String path, InputStream content, int depth, List<Coordinates> found) throws IOException {
        if (depth + 1 >= MAX_DEPTH) {
            problem(path + ": nested deeper than " + MAX_DEPTH + " archives, not read");
            return;
        }
        if (++nestedArchives > MAX_NESTED_ARCHIVES) {
            problem(path + ": more than " + MAX_NESTED_ARCHIVES + " nested archives, not read");
            return;
        }
        if (!keep(path.length())) {
            problem(path + ": nested archive not read, the memory budget for names is spent");
            return;
        }
        try {
            readArchive(path, content, depth + 1, found);
        } catch (Stopped | CatalogDeadline.Exceeded e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            problem(path + ": nested archive unreadable: " + e.getMessage());
        }
    }

    /** A metadata entry's bytes, or null (and a problem) when it is over the bounds. */
    private byte[] metadata(String path, InputStream content) throws IOException {
        byte[] bytes = content.readNBytes(MAX_METADATA_ENTRY + 1);
        if (bytes.length > MAX_METADATA_ENTRY) {
            problem(path + ": over " + MAX_METADATA_ENTRY + " bytes, not read");
            return null;
        }
        if (!keep(bytes.length)) {
            problem(path + ": not read, the memory budget for metadata is spent");
            return null;
        }
        return bytes;
    }

    private boolean keep(long bytes) {
        if (kept + bytes > MAX_KEPT) {
            return false;
        }
        kept += bytes;
        return true;
    }

    /** Reads the rest of an entry through the counter: skipped bytes are work too. */
    private void drain(InputStream content) throws IOException {
        while (content.read(scratch) > 0) {
            // counted by the stream
        }
    }

    private InputStream counted(InputStream entry) {
        return new FilterInputStream(entry) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    charge(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    charge(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                charge(skipped);
                return skipped;
            }
        };
    }

    private void charge(long n) throws Stopped {
        inflated += n;
        if (inflated > MAX_INFLATED) {
            throw new Stopped("stopped after " + MAX_INFLATED + " inflated bytes (zip bomb?); the rest of the archive is not read");
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

    private void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        } else {
            problemsLeftOut++;
        }
    }

    private void fromManifest(String path, Manifest manifest, List<Coordinates> found) {
        String stem = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.[A-Za-z]+$", "");
        Matcher m = NAME_VERSION.matcher(stem.substring(stem.lastIndexOf(':') + 1));
        String fileName = m.matches() ? m.group(1) : stem.substring(stem.lastIndexOf(':') + 1);
        String fileVersion = m.matches() ? m.group(2) : null;
        String group = null;
        String name = null;
        String version = null;
        if (manifest != null) {
            var a = manifest.getMainAttributes();
            group = a.getValue("Implementation-Vendor-Id");
            name = firstNonEmpty(a.getValue("Bundle-SymbolicName"), a.getValue("Implementation-Title"));
            version = firstNonEmpty(a.getValue("Implementation-Version"), a.getValue("Bundle-Version"));
        }
        if (name != null) {
            name = name.split(";", 2)[0].strip();
        }
        add(found, group, fileName != null && (name == null || name.contains(" ")) ? fileName : name,
                firstNonEmpty(version, fileVersion), path);
    }

    private void add(List<Coordinates> found, String group, String artifact, String version, String path) {
        if (artifact == null || artifact.isBlank() || version == null || version.isBlank()) {
            problem(path + ": no Maven coordinates or version found");
            return;
        }
        if (found.size() >= MAX_PACKAGES) {
            problem(path + ": more than " + MAX_PACKAGES + " packages in one archive, not listed");
            return;
        }
        found.add(new Coordinates(group == null || group.isBlank() ? null : group.strip(), artifact.strip(), version.strip(), path));
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }

    /** The three values gate uses from a pom.properties; the rest of the file is not kept. */
    private record Pom(String group, String artifact, String version) {
        static Pom of(byte[] pomProperties) throws IOException {
            Properties p = new Properties();
            p.load(new ByteArrayInputStream(pomProperties));
            return new Pom(p.getProperty("groupId"), p.getProperty("artifactId"), p.getProperty("version"));
        }
    }

    /** A bound that ends the reading of the whole top-level archive, not just of one nested archive. */
    private static final class Stopped extends IOException {
        Stopped(String message) {
            super(message);
        }
    }
}
