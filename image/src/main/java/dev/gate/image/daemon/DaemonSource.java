package dev.gate.image.daemon;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Reference;
import dev.gate.image.TempFiles;
import dev.gate.image.archive.DockerArchiveSource;
import dev.gate.image.transport.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads {@code docker-daemon:REF} through the Engine API's {@code GET /images/{name}/get} (Docker or
 * Podman's compatible service). The answer is a docker-archive; it is saved to a temporary file,
 * since a legacy archive lists its manifest last, and read from there.
 */
public final class DaemonSource implements ImageSource {

    private static final int MAX_ERROR_BODY = 4096;

    private final String name;
    private final Path socket;
    private TempFiles.Folder saved;
    private DockerArchiveSource archive;

    public DaemonSource(String name, String dockerHost) {
        if (name == null || name.isBlank()) {
            throw GateException.input("docker-daemon: names no image (expected docker-daemon:NAME[:TAG])");
        }
        Reference.parse(name); // reject bad references before asking the daemon
        this.name = name;
        this.socket = socketOf(dockerHost);
    }

    /** The socket path in DOCKER_HOST, {@code unix:///var/run/docker.sock} when unset. */
    static Path socketOf(String dockerHost) {
        String host = dockerHost == null || dockerHost.isBlank() ? "unix:///var/run/docker.sock" : dockerHost;
        if (!host.startsWith("unix://")) {
            throw GateException.input(
                    "DOCKER_HOST=" + host + " is not supported: gate talks to the daemon over a unix:// socket");
        }
        return Path.of(host.substring("unix://".length()));
    }

    @Override
    public Artifact resolve() {
        if (archive == null) {
            saved = TempFiles.folder("gate-daemon-");
            archive = new DockerArchiveSource(save(saved.path().resolve("image.tar")), null, describe());
        }
        return archive.resolve();
    }

    /**
     * The daemon's answer is read once, into a private folder that goes with the run: the archive read from there
     * for cataloging is the archive pushed, whatever the daemon holds by then.
     */
    private Path save(Path file) {
        if (!Files.exists(socket)) {
            throw GateException.operational(
                    "no Docker daemon socket at " + socket + " (set DOCKER_HOST=unix:///PATH)", null);
        }
        try (UnixHttp.Response response = UnixHttp.get(socket, "/images/" + name + "/get")) {
            if (response.status() != 200) {
                throw failure(response);
            }
            try (InputStream body = response.body();
                    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                body.transferTo(out);
            }
            return file;
        } catch (IOException e) {
            throw GateException.operational(
                    describe() + ": cannot read the image from the daemon at " + socket + ": " + e.getMessage(), e);
        }
    }

    private GateException failure(UnixHttp.Response response) throws IOException {
        String body = new String(response.body().readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8).trim();
        String message = body.replaceAll("(?s).*\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\".*", "$1");
        String why = "daemon answered " + response.status() + (message.isEmpty() ? "" : ": " + message);
        return response.status() == 404
                ? GateException.input(describe() + ": no such image in the daemon (" + why + ")")
                : GateException.operational(describe() + ": " + why, null);
    }

    @Override
    public String describe() {
        return "docker-daemon:" + name;
    }

    @Override
    public void close() {
        if (archive != null) {
            archive.close();
            archive = null;
        }
        if (saved != null) {
            saved.close();
            saved = null;
        }
    }
}
