package dev.gate.cli.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Small OCI layouts written by the tests: one gzip layer of the given files, a config with the
 * given user and labels, tagged in index.json; or an index of several such images.
 */
public final class TestImages {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What goes into one image. */
    public record Spec(String user, Map<String, String> labels, Map<String, String> files, String architecture) {

        /** Passes prod.rego: non-root user, source and revision labels, a Debian base with dpkg records. */
        public static Spec compliant() {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("org.opencontainers.image.source", "https://example.com/app");
            labels.put("org.opencontainers.image.revision", "0123456789abcdef");
            Map<String, String> files = new LinkedHashMap<>();
            files.put(
                    "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
            files.put("var/lib/dpkg/status", """
                    Package: base-files
                    Status: install ok installed
                    Architecture: amd64
                    Version: 12.4+deb12u10

                    """);
            return new Spec("10001", labels, files, "amd64");
        }

        public Spec withUser(String newUser) {
            return new Spec(newUser, labels, files, architecture);
        }

        public Spec withArchitecture(String arch) {
            return new Spec(user, labels, files, arch);
        }

        /** Adds an npm package the shared OSV set has a CRITICAL advisory with a fix for (minimist < 1.2.6). */
        public Spec withVulnerableNpmPackage() {
            Map<String, String> more = new LinkedHashMap<>(files);
            more.put(
                    "app/node_modules/minimist/package.json",
                    "{\"name\":\"minimist\",\"version\":\"1.2.5\",\"license\":\"MIT\"}");
            return new Spec(user, labels, more, architecture);
        }

        public Spec withFile(String path, String content) {
            Map<String, String> more = new LinkedHashMap<>(files);
            more.put(path, content);
            return new Spec(user, labels, more, architecture);
        }
    }

    private TestImages() {}

    /**
     * A compliant image, tagged 1.0.0 in {@code layout}, holding one npm package's {@code package.json} (under
     * app/node_modules/evil); returns its {@code oci:} reference.
     */
    public static String withNpmPackage(Path layout, String name, String version, String license) throws IOException {
        ObjectNode pkg = JSON.createObjectNode()
                .put("name", name)
                .put("version", version)
                .put("license", license);
        write(
                layout,
                "1.0.0",
                Spec.compliant().withFile("app/node_modules/evil/package.json", JSON.writeValueAsString(pkg)));
        return "oci:" + layout + ":1.0.0";
    }

    /** Writes a layout with one image tagged {@code tag}; returns the manifest digest. */
    public static String write(Path layout, String tag, Spec spec) throws IOException {
        ObjectNode manifest = image(layout, spec);
        byte[] raw = JSON.writeValueAsBytes(manifest);
        String digest = blob(layout, raw);
        index(layout, List.of(entry("application/vnd.oci.image.manifest.v1+json", digest, raw.length, tag, null)));
        return digest;
    }

    /** Writes a layout holding an index of one image per spec, tagged {@code tag}; returns the index digest. */
    public static String writeIndex(Path layout, String tag, List<Spec> specs) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        for (Spec spec : specs) {
            byte[] raw = JSON.writeValueAsBytes(image(layout, spec));
            manifests.add(entry(
                    "application/vnd.oci.image.manifest.v1+json",
                    blob(layout, raw),
                    raw.length,
                    null,
                    spec.architecture()));
        }
        byte[] raw = JSON.writeValueAsBytes(index);
        String digest = blob(layout, raw);
        index(layout, List.of(entry("application/vnd.oci.image.index.v1+json", digest, raw.length, tag, null)));
        return digest;
    }

    private static ObjectNode image(Path layout, Spec spec) throws IOException {
        byte[] tar = tar(spec.files());
        byte[] gz = gzip(tar);
        String layerDigest = blob(layout, gz);
        ObjectNode config = JSON.createObjectNode();
        config.put("created", "2026-01-01T00:00:00Z");
        config.put("architecture", spec.architecture());
        config.put("os", "linux");
        ObjectNode c = config.putObject("config");
        c.put("User", spec.user());
        c.putArray("Cmd").add("/bin/sh");
        ObjectNode labels = c.putObject("Labels");
        spec.labels().forEach(labels::put);
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add("sha256:" + sha256(tar));
        config.putArray("history")
                .addObject()
                .put("created", "2026-01-01T00:00:00Z")
                .put("created_by", "TestImages");
        byte[] configBytes = JSON.writeValueAsBytes(config);
        String configDigest = blob(layout, configBytes);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config")
                .put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", configDigest)
                .put("size", configBytes.length);
        manifest.putArray("layers")
                .addObject()
                .put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
                .put("digest", layerDigest)
                .put("size", gz.length);
        return manifest;
    }

    private static ObjectNode entry(String mediaType, String digest, long size, String tag, String arch) {
        ObjectNode e = JSON.createObjectNode();
        e.put("mediaType", mediaType);
        e.put("digest", digest);
        e.put("size", size);
        if (tag != null) {
            e.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        }
        if (arch != null) {
            e.putObject("platform").put("os", "linux").put("architecture", arch);
        }
        return e;
    }

    private static void index(Path layout, List<ObjectNode> entries) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.putArray("manifests").addAll(entries);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    private static String blob(Path layout, byte[] content) throws IOException {
        String hex = sha256(content);
        Path path = layout.resolve("blobs/sha256/" + hex);
        Files.createDirectories(path.getParent());
        Files.write(path, content);
        return "sha256:" + hex;
    }

    private static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(content.length);
                entry.setModTime(0);
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
