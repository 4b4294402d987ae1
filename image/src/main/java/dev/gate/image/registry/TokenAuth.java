package dev.gate.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.image.GateException;
import dev.gate.image.oci.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a registry's challenge: Basic credentials, or Bearer tokens fetched from the realm for
 * the scopes a request needs (anonymously when no credential is configured). Tokens are cached per
 * scope set and fetched again when the registry answers 401.
 */
final class TokenAuth {

    private final String registry;
    private final Optional<Credential> credential;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile HttpClient client;
    private volatile Challenge challenge;

    TokenAuth(String registry, Optional<Credential> credential) {
        this.registry = registry;
        this.credential = credential;
    }

    void useClient(HttpClient httpClient) {
        this.client = httpClient;
    }

    /** Remembers the challenge of a ping, so later requests authenticate up front. */
    void observe(HttpResponse<?> response) {
        if (response.statusCode() == 401) {
            response.headers().firstValue("WWW-Authenticate").ifPresent(h -> challenge = Challenge.parse(h));
        }
    }

    void authorize(HttpRequest.Builder request, Set<String> scopes) {
        Challenge current = challenge;
        if (current == null) {
            return;
        }
        if (current.isBearer()) {
            String key = String.join(" ", new TreeSet<>(scopes));
            request.header("Authorization", "Bearer " + tokens.computeIfAbsent(key, k -> fetchToken(current, scopes)));
        } else if (credential.isPresent() && !credential.get().identityToken()) {
            request.header("Authorization", basic(credential.get()));
        }
    }

    /** After a 401: take the new challenge and forget the token that was refused. */
    void refresh(HttpResponse<?> response, Set<String> scopes) {
        observe(response);
        tokens.remove(String.join(" ", new TreeSet<>(scopes)));
        if (challenge == null) {
            throw GateException.operational(registry + " answered 401 without a WWW-Authenticate challenge", null);
        }
        if (!challenge.isBearer() && credential.isEmpty()) {
            throw GateException.operational("unauthorized: " + registry + " requires a login; run docker login or podman login "
                    + registry + ", or set REGISTRY_AUTH_FILE", null);
        }
    }

    private String fetchToken(Challenge bearer, Set<String> scopes) {
        String realm = bearer.realm();
        if (realm == null) {
            throw GateException.operational(registry + ": bearer challenge without a realm", null);
        }
        StringBuilder query = new StringBuilder();
        if (bearer.params().containsKey("service")) {
            query.append("service=").append(encode(bearer.params().get("service")));
        }
        for (String scope : scopes) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
        }
        HttpRequest.Builder request;
        if (credential.isPresent() && credential.get().identityToken()) {
            String form = query + "&grant_type=refresh_token&client_id=gate&refresh_token=" + encode(credential.get().secret());
            request = HttpRequest.newBuilder(URI.create(realm))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            request = HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + query)).GET();
            credential.ifPresent(c -> request.header("Authorization", basic(c)));
        }
        try {
            HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw GateException.operational("authentication to " + registry + " failed: "
                        + (credential.isPresent() ? "wrong username or password" : "this registry needs a login")
                        + " (token service answered " + response.statusCode() + ")", null);
            }
            if (response.statusCode() != 200) {
                throw GateException.operational("token service of " + registry + " answered " + response.statusCode(), null);
            }
            JsonNode body = Json.MAPPER.readTree(response.body());
            String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText();
            if (token.isEmpty()) {
                throw GateException.operational("token service of " + registry + " returned no token", null);
            }
            return token;
        } catch (IOException e) {
            throw GateException.operational("token service of " + registry + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GateException.operational("interrupted while fetching a token", e);
        }
    }

    private static String basic(Credential credential) {
        String pair = credential.username() + ":" + credential.secret();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
