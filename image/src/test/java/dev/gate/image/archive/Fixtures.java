package dev.gate.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Archives made from the bundled sample layout, in each shape the archive transports read. */
final class Fixtures {

    static final Path SAMPLE =
            Path.of("..", "testdata", "sample").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** The sample layout packed as a tar: an oci-archive. */
    static Path ociArchive(Path dir) throws IOException {
        Path file = dir.resolve("sample-oci.tar");
        try (TarArchiveOutputStream tar = open(file);
                Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                add(tar, SAMPLE.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return file;
    }

    /** What newer docker save writes: the layout plus manifest.json, index.json naming the image. */
    static Path dockerOciArchive(Path dir) throws IOException {
        Path file = dir.resolve("sample-docker-oci.tar");
        JsonNode manifest = sampleManifest();
        try (TarArchiveOutputStream tar = open(file);
                Stream<Path> files = Files.walk(SAMPLE.resolve("blobs"))) {
            add(tar, "oci-layout", Files.readAllBytes(SAMPLE.resolve("oci-layout")));
            String index = Files.readString(SAMPLE.resolve("index.json"))
                    .replace(
                            "\"annotations\":{",
                            "\"annotations\":{\"io.containerd.image.name\":\"docker.io/library/sample:1.0.0\",");
            add(tar, "index.json", index.getBytes(StandardCharsets.UTF_8));
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                add(tar, SAMPLE.relativize(p).toString(), Files.readAllBytes(p));
            }
            List<String> layers = new ArrayList<>();
            manifest.path("layers").forEach(l -> layers.add("blobs/sha256/" + hex(l)));
            String legacy = "[{\"Config\":\"blobs/sha256/" + hex(manifest.path("config"))
                    + "\",\"RepoTags\":[\"sample:1.0.0\"]," + "\"Layers\":" + JSON.writeValueAsString(layers) + "}]";
            add(tar, "manifest.json", legacy.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** What docker save wrote before 25: manifest.json last, layers uncompressed as {@code <id>/layer.tar}. */
    static Path legacyDockerArchive(Path dir, String repoTag) throws IOException {
        Path file = dir.resolve("sample-legacy.tar");
        JsonNode manifest = sampleManifest();
        byte[] config = blob(hex(manifest.path("config")));
        JsonNode diffIds = JSON.readTree(config).path("rootfs").path("diff_ids");
        try (TarArchiveOutputStream tar = open(file)) {
            String configName = hex(manifest.path("config")) + ".json";
            add(tar, configName, config);
            List<String> layers = new ArrayList<>();
            for (int i = 0; i < manifest.path("layers").size(); i++) {
                String id = diffIds.get(i).asText().substring("sha256:".length());
                try (InputStream in = Compression.decompressed(Files.newInputStream(
                        blobPath(hex(manifest.path("layers").get(i)))))) {
                    add(tar, id + "/layer.tar", in.readAllBytes());
                }
                layers.add(id + "/layer.tar");
            }
            String legacy = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + repoTag + "\"],\"Layers\":"
                    + JSON.writeValueAsString(layers) + "}]";
            add(tar, "manifest.json", legacy.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    static JsonNode sampleManifest() throws IOException {
        JsonNode index = JSON.readTree(SAMPLE.resolve("index.json").toFile());
        return JSON.readTree(blob(hex(index.path("manifests").get(0))));
    }

    static byte[] blob(String hex) throws IOException {
        return Files.readAllBytes(blobPath(hex));
    }

    private static Path blobPath(String hex) {
        return SAMPLE.resolve("blobs/sha256").resolve(hex);
    }

    static String hex(JsonNode descriptor) {
        return descriptor.path("digest").asText().substring("sha256:".length());
    }

    private static TarArchiveOutputStream open(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        return tar;
    }

    static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
