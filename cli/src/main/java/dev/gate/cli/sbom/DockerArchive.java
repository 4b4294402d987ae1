package dev.gate.cli.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.image.Layer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Just enough of a docker-archive ({@code docker save} output) for {@code gate sbom}: the first
 * image's layers, each streamed straight out of the archive. Stands in until the image module's
 * docker-archive transport is available through {@code Transports}.
 */
final class DockerArchive {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_JSON = 16L << 20;

    record Contents(String name, String imageId, List<Layer> layers) {
    }

    private DockerArchive() {
    }

    static Contents read(Path archive) {
        try {
            JsonNode manifest = JSON.readTree(entry(archive, "manifest.json"));
            JsonNode first = manifest.path(0);
            String configName = first.path("Config").asText(null);
            if (configName == null || !first.path("Layers").isArray()) {
                throw GateException.input(archive + ": manifest.json has no Config or Layers: not a docker-archive");
            }
            byte[] config = entry(archive, configName);
            JsonNode diffIds = JSON.readTree(config).path("rootfs").path("diff_ids");
            List<Layer> layers = new ArrayList<>();
            int i = 0;
            for (JsonNode layerName : first.path("Layers")) {
                String diffId = diffIds.path(i++).asText(null);
                layers.add(layer(archive, layerName.asText(), diffId));
            }
            String name = first.path("RepoTags").path(0).asText(archive.getFileName().toString());
            return new Contents(name, Digest.sha256(config).toString(), layers);
        } catch (IOException e) {
            throw GateException.input(archive + ": not a readable docker-archive: " + e.getMessage());
        }
    }

    private static byte[] entry(Path archive, String name) throws IOException {
        try (InputStream in = open(archive, name)) {
            byte[] bytes = in.readNBytes((int) MAX_JSON + 1);
            if (bytes.length > MAX_JSON) {
                throw GateException.input(archive + ": " + name + " is larger than " + MAX_JSON + " bytes");
            }
            return bytes;
        }
    }

    /** Streams one member of the archive; the caller closes it, which closes the file. */
    private static InputStream open(Path archive, String name) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive));
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (e.getName().equals(name) || e.getName().equals("./" + name)) {
                return new FilterInputStream(tar) { };
            }
        }
        tar.close();
        throw GateException.input(archive + ": has no member " + name);
    }

    private static Layer layer(Path archive, String member, String diffId) {
        Digest digest = diffId != null ? Digest.parse(diffId) : Digest.sha256(member.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Descriptor d = Descriptor.of("application/vnd.docker.image.rootfs.diff.tar", digest, 0);
        return new Layer() {
            @Override
            public Descriptor descriptor() {
                return d;
            }

            @Override
            public InputStream open() throws IOException {
                return DockerArchive.open(archive, member);
            }

            @Override
            public InputStream openUncompressed() throws IOException {
                return open();
            }
        };
    }
}
