package dev.gate.sbom.catalog;

import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads one archive's {@code META-INF/maven/**\/pom.properties}, falling back to its
 * {@code MANIFEST.MF} and file name, and descends into nested archives. Nesting depth and
 * inflated bytes are bounded so a zip bomb costs a fixed amount of work.
 */
final class JarReader {

    static final int MAX_DEPTH = 4;
    static final long MAX_INFLATED = 512L << 20;
    private static final Pattern NAME_VERSION = Pattern.compile("^(.+?)-(\\d[\\w.+-]*)$");

    private final String layer;
    private final List<String> problems = new ArrayList<>();
    private long inflated;

    JarReader(String layer) {
        this.layer = layer;
    }

    List<String> problems() {
        return problems;
    }

    List<Package> read(String path, byte[] bytes) throws IOException {
        List<Package> found = new ArrayList<>();
        readArchive(path, bytes, 0, found);
        return found;
    }

    private void readArchive(String path, byte[] bytes, int depth, List<Package> found) throws IOException {
        List<Properties> poms = new ArrayList<>();
        Manifest manifest = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    p.load(new ByteArrayInputStream(inflate(zip, path)));
                    poms.add(p);
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(new ByteArrayInputStream(inflate(zip, path)));
                } else if (JavaCataloger.isArchive(name) && !entry.isDirectory()) {
                    nested(path + ":" + name, zip, depth, found);
                }
            }
        }
        int before = found.size();
        for (Properties pom : poms) {
            add(found, pom.getProperty("groupId"), pom.getProperty("artifactId"), pom.getProperty("version"), path);
        }
        if (found.size() == before) {
            fromManifest(path, manifest, found);
        }
    }

    private void nested(String path, InputStream zip, int depth, List<Package> found) throws IOException {
        if (depth + 1 >= MAX_DEPTH) {
            problems.add(path + ": nested deeper than " + MAX_DEPTH + " archives, not read");
            return;
        }
        byte[] inner = inflate(zip, path);
        try {
            readArchive(path, inner, depth + 1, found);
        } catch (IOException | RuntimeException e) {
            problems.add(path + ": nested archive unreadable: " + e.getMessage());
        }
    }

    private byte[] inflate(InputStream zip, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = zip.read(buffer)) > 0) {
            inflated += n;
            if (inflated > MAX_INFLATED) {
                throw new IOException(path + ": more than " + MAX_INFLATED + " bytes inflated, stopped (zip bomb?)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void fromManifest(String path, Manifest manifest, List<Package> found) {
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

    private void add(List<Package> found, String group, String artifact, String version, String path) {
        if (artifact == null || artifact.isBlank() || version == null || version.isBlank()) {
            problems.add(path + ": no Maven coordinates or version found");
            return;
        }
        String g = group == null || group.isBlank() ? null : group.strip();
        String purl = Purl.of("maven", g, artifact.strip(), version.strip(), Map.of()).toString();
        found.add(new Package("maven", g, artifact.strip(), version.strip(), purl, null, null, List.of(), layer, List.of(path)));
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }
}
