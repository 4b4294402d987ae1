package dev.gate.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.oci.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

/**
 * One credentials file in the format docker ({@code config.json}) and podman ({@code auth.json}) share, changed
 * for one registry and written back whole in one step: the rest of the file (other registries, helpers, docker's
 * other settings) is kept as it was, and the file is readable by its owner only.
 */
public final class AuthFile {

    private static final long MAX_SIZE = 4 << 20;

    private final Path path;
    private final ObjectNode root;

    private AuthFile(Path path, ObjectNode root) {
        this.path = path;
        this.root = root;
    }

    /** The file at {@code path}, or an empty one when there is none yet. */
    public static AuthFile open(Path path) {
        if (!Files.exists(path)) {
            return new AuthFile(path, Json.MAPPER.createObjectNode());
        }
        try {
            if (Files.size(path) > MAX_SIZE) {
                throw GateException.input("credentials file " + path + " is larger than 4 MiB");
            }
            if (Json.MAPPER.readTree(path.toFile()) instanceof ObjectNode root) {
                return new AuthFile(path, root);
            }
        } catch (IOException e) {
            // reported below, without the parser's message: it could quote a secret
        }
        throw GateException.input("cannot read credentials file " + path + ": not a JSON object");
    }

    public Path path() {
        return path;
    }

    /** The credential helper this file names for {@code registry}: its {@code credHelpers} entry, else its {@code credsStore}. */
    public Optional<String> helper(String registry) {
        JsonNode own = root.path("credHelpers").path(registry);
        if (own.isTextual()) {
            return Optional.of(CredentialStore.helperName(own.asText(), path, "credHelpers." + registry));
        }
        JsonNode store = root.path("credsStore");
        if (store.isTextual() && !store.asText().isEmpty()) {
            return Optional.of(CredentialStore.helperName(store.asText(), path, "credsStore"));
        }
        return Optional.empty();
    }

    /**
     * Records {@code credential} for {@code registry}: in the helper the file names, or else as the file's own
     * {@code auths} entry. Any older entry of the registry in {@code auths} goes, so lookups find the new one.
     */
    public void logIn(String registry, Credential credential) {
        removeEntries(registry);
        Optional<String> helper = helper(registry);
        if (helper.isPresent()) {
            CredentialHelper.store(helper.get(), registry, credential);
            return;
        }
        ObjectNode entry = auths().putObject(CredentialStore.keysFor(registry).get(0));
        if (credential.identityToken()) {
            entry.put("identitytoken", credential.secret());
        } else {
            String pair = credential.username() + ":" + credential.secret();
            entry.put("auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Forgets {@code registry}'s credential, in the file and in its helper; false when neither held one. */
    public boolean logOut(String registry) {
        boolean removed = removeEntries(registry);
        Optional<String> helper = helper(registry);
        if (helper.isPresent()) {
            removed |= CredentialHelper.erase(helper.get(), registry);
        }
        return removed;
    }

    private boolean removeEntries(String registry) {
        boolean removed = false;
        if (root.path("auths") instanceof ObjectNode auths) {
            for (String key : CredentialStore.keysFor(registry)) {
                removed |= auths.remove(key) != null;
            }
        }
        return removed;
    }

    private ObjectNode auths() {
        if (!(root.get("auths") instanceof ObjectNode)) {
            root.putObject("auths");
        }
        return (ObjectNode) root.get("auths");
    }

    /**
     * Writes the file through a new file beside it (owner read and write only) that then takes its place, so a
     * reader sees the old file or the new one, never half of one. A symbolic link is followed: the file it points at
     * is replaced, the link stays.
     */
    public void save() {
        try {
            Path target = Files.isSymbolicLink(path) ? path.toRealPath() : path.toAbsolutePath();
            Path dir = target.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temporary = Files.createTempFile(
                    dir,
                    "." + target.getFileName(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw GateException.operational("cannot write credentials file " + path + ": " + e.getMessage(), e);
        }
    }
}
