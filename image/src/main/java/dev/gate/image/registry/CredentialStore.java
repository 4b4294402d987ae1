package dev.gate.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.image.oci.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds credentials where docker, podman and skopeo keep them: {@code $REGISTRY_AUTH_FILE},
 * containers' {@code auth.json}, then {@code $DOCKER_CONFIG/config.json} or
 * {@code ~/.docker/config.json} with its {@code auths}, {@code credHelpers} and {@code credsStore}.
 */
public final class CredentialStore {

    private static final Pattern HELPER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final List<Path> files;
    private final Path newFile;
    private final Map<String, Credential> given;

    /** The files in lookup order; a login with none of them present writes the first. */
    public CredentialStore(List<Path> files) {
        this(files, files.isEmpty() ? null : files.get(0), Map.of());
    }

    private CredentialStore(List<Path> files, Path newFile, Map<String, Credential> given) {
        this.files = List.copyOf(files);
        this.newFile = newFile;
        this.given = Map.copyOf(given);
    }

    /** Only {@code credential}, for {@code registry}: the credential a login checks before saving it. */
    public static CredentialStore of(String registry, Credential credential) {
        return new CredentialStore(List.of(), null, Map.of(registry, credential));
    }

    public static CredentialStore fromEnvironment() {
        List<Path> files = new ArrayList<>();
        String authFile = System.getenv("REGISTRY_AUTH_FILE");
        if (authFile != null) {
            files.add(Path.of(authFile));
        }
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            files.add(Path.of(runtimeDir, "containers", "auth.json"));
        }
        // $HOME as docker and podman read it; Java's user.home comes from the password database instead
        String home = System.getenv("HOME") != null ? System.getenv("HOME") : System.getProperty("user.home");
        files.add(Path.of(home, ".config", "containers", "auth.json"));
        String dockerConfig = System.getenv("DOCKER_CONFIG");
        Path docker =
                dockerConfig != null ? Path.of(dockerConfig, "config.json") : Path.of(home, ".docker", "config.json");
        files.add(docker);
        // where docker and podman both look, unless REGISTRY_AUTH_FILE names the one file to use
        return new CredentialStore(files, authFile != null ? files.get(0) : docker, Map.of());
    }

    /**
     * The file a login writes: the first file of the lookup order that exists, so that the new credential is the one
     * found first; without any, {@code $REGISTRY_AUTH_FILE} or docker's {@code config.json}.
     */
    public Path fileForLogin() {
        return files.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .or(() -> Optional.ofNullable(newFile))
                .orElseThrow(() -> GateException.input("no credentials file to write: pass --authfile FILE"));
    }

    /** Every file of the lookup order that exists. */
    public List<Path> existingFiles() {
        return files.stream().filter(Files::isRegularFile).toList();
    }

    public static CredentialStore none() {
        return new CredentialStore(List.of());
    }

    /** The first credential any configured file has for {@code registry}. */
    public Optional<Credential> lookup(String registry) {
        if (given.containsKey(registry)) {
            return Optional.of(given.get(registry));
        }
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                Optional<Credential> found = lookup(read(file), registry, file);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Credential> lookup(JsonNode config, String registry, Path file) {
        JsonNode helper = config.path("credHelpers").path(registry);
        if (helper.isTextual()) {
            return CredentialHelper.get(helperName(helper.asText(), file, "credHelpers." + registry), registry);
        }
        for (String key : keysFor(registry)) {
            JsonNode entry = config.path("auths").path(key);
            // docker writes an empty entry for each registry whose credential is in its credsStore
            if (!entry.isMissingNode() && !(entry.isObject() && entry.isEmpty())) {
                return Optional.of(decode(entry, key, file));
            }
        }
        JsonNode store = config.path("credsStore");
        if (store.isTextual() && !store.asText().isEmpty()) {
            return CredentialHelper.get(helperName(store.asText(), file, "credsStore"), registry);
        }
        return Optional.empty();
    }

    /**
     * A helper name becomes part of a program name ({@code docker-credential-NAME}) looked up on the
     * PATH; a slash would make it a path ({@code x/evil} runs {@code ./docker-credential-x/evil}).
     */
    static String helperName(String name, Path file, String field) {
        if (!HELPER_NAME.matcher(name).matches()) {
            throw GateException.input(file + ": " + SafeText.quoted(field) + " is " + SafeText.quoted(name)
                    + ", not a credential helper name (letters, digits, '.', '_' and '-' only)");
        }
        return name;
    }

    /** Docker Hub credentials are stored under the legacy index URL. */
    static List<String> keysFor(String registry) {
        if (registry.equals("docker.io")) {
            return List.of("https://index.docker.io/v1/", "index.docker.io", "docker.io");
        }
        return List.of(registry, "https://" + registry, "http://" + registry);
    }

    private static Credential decode(JsonNode entry, String key, Path file) {
        if (entry.hasNonNull("identitytoken")
                && !entry.get("identitytoken").asText().isEmpty()) {
            return Credential.identityToken(entry.get("identitytoken").asText());
        }
        if (entry.hasNonNull("auth")) {
            String decoded;
            try {
                decoded =
                        new String(Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw GateException.input(file + ": auths." + key + ".auth is not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw GateException.input(file + ": auths." + key + ".auth must encode USERNAME:PASSWORD");
            }
            return Credential.password(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
            return Credential.password(
                    entry.get("username").asText(), entry.get("password").asText());
        }
        throw GateException.input(file + ": auths." + key + " has neither auth, username/password nor identitytoken");
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw GateException.input("cannot read credentials file " + file + ": not valid JSON");
        }
    }
}
