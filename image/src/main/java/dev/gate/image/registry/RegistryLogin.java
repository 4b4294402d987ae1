package dev.gate.image.registry;

import dev.gate.errors.GateException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code docker login} and {@code docker logout}: a credential is saved only after the registry accepted it (its
 * basic challenge, or its token service), and a logout forgets the registry wherever gate would find it.
 */
public final class RegistryLogin {

    private RegistryLogin() {}

    /** Checks {@code credential} against {@code registry}, then records it in {@code file}. */
    public static void logIn(String registry, Credential credential, RegistryOptions options, Path file) {
        check(registry, credential, options);
        AuthFile auth = AuthFile.open(file);
        auth.logIn(registry, credential);
        auth.save();
    }

    /**
     * Asks for the API root with the credential alone: a basic registry checks it itself, a token registry's service
     * refuses to issue a token for a wrong one.
     */
    private static void check(String registry, Credential credential, RegistryOptions options) {
        RegistryHttp http = RegistryClient.openRegistry(
                        registry, options.withCredentials(CredentialStore.of(registry, credential)))
                .http();
        HttpResponse<Void> response = http.exchange(
                "log in to " + registry,
                Set.of(),
                () -> HttpRequest.newBuilder(http.base().resolve("/v2/")).GET(),
                HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw GateException.operational(
                    "login to " + registry + " refused: wrong username or password (the registry answered " + status
                            + ")",
                    null);
        }
        if (status != 200) {
            throw GateException.operational(
                    "login to " + registry + ": the registry answered " + status + " to /v2/", null);
        }
    }

    /** Forgets {@code registry} in each of {@code files}; returns the files that held a credential for it. */
    public static List<Path> logOut(String registry, List<Path> files) {
        List<Path> changed = new ArrayList<>();
        for (Path file : files) {
            AuthFile auth = AuthFile.open(file);
            if (auth.logOut(registry)) {
                auth.save();
                changed.add(file);
            }
        }
        return changed;
    }
}
