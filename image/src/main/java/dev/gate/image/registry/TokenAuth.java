package dev.gate.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.image.oci.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Answers a registry's challenge: Basic credentials, or Bearer tokens fetched from the realm for
 * the scopes a request needs (anonymously when no credential is configured). Tokens are cached per
 * scope set and fetched again when the registry answers 401.
 */
final class TokenAuth {

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    private final String registry;
    private final Optional<Credential> credential;
    private final Predicate<String> plainHttpAllowed;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile HttpClient client;
    private volatile Duration timeout;
    private volatile Challenge challenge;

    /** {@code plainHttpAllowed} tells, for a realm's {@code host[:port]}, whether plain HTTP may carry credentials to it. */
    TokenAuth(String registry, Optional<Credential> credential, Predicate<String> plainHttpAllowed) {
        this.registry = registry;
        this.credential = credential;
        this.plainHttpAllowed = plainHttpAllowed;
    }

    void useClient(HttpClient httpClient, Duration idleTimeout) {
        this.client = httpClient;
        this.timeout = idleTimeout;
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
            throw GateException.operational(
                    "unauthorized: " + registry + " requires a login; run docker login or podman login " + registry
                            + ", or set REGISTRY_AUTH_FILE",
                    null);
        }
    }

    private String fetchToken(Challenge bearer, Set<String> scopes) {
        URI realm = realm(bearer);
        StringBuilder query = new StringBuilder();
        if (bearer.params().containsKey("service")) {
            query.append("service=").append(encode(bearer.params().get("service")));
        }
        for (String scope : scopes) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
        }
        HttpRequest.Builder request;
        if (credential.isPresent() && credential.get().identityToken()) {
            String form = query + "&grant_type=refresh_token&client_id=gate&refresh_token="
                    + encode(credential.get().secret());
            request = HttpRequest.newBuilder(realm)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            request = HttpRequest.newBuilder(URI.create(realm + (realm.getRawQuery() != null ? "&" : "?") + query))
                    .GET();
            credential.ifPresent(c -> request.header("Authorization", basic(c)));
        }
        try {
            HttpResponse<byte[]> response =
                    IdleTimeout.send(client, request.build(), CappedBody.upTo(CappedBody.TOKEN), timeout);
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw GateException.operational(
                        "authentication to " + registry + " failed: "
                                + (credential.isPresent()
                                        ? "wrong username or password"
                                        : "this registry needs a login")
                                + " (token service answered " + response.statusCode() + ")",
                        null);
            }
            if (response.statusCode() != 200) {
                throw GateException.operational(
                        "token service of " + registry + " answered " + response.statusCode(), null);
            }
            JsonNode body = Json.MAPPER.readTree(response.body());
            String token = body == null
                    ? ""
                    : body.hasNonNull("token")
                            ? body.get("token").asText()
                            : body.path("access_token").asText();
            if (token.isEmpty()) {
                throw GateException.operational("token service of " + registry + " returned no token", null);
            }
            if (!TOKEN.matcher(token).matches()) {
                // it goes into a header: no line breaks or other characters a header cannot carry
                throw GateException.operational(
                        "token service of " + registry + " returned a token with characters a token cannot have", null);
            }
            return token;
        } catch (CappedBody.TooLarge e) {
            throw GateException.operational("token service of " + registry + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw GateException.operational("token service of " + registry + " is unreachable: " + e.getMessage(), e);
        }
    }

    /**
     * The realm the registry named, checked before anything is sent to it: credentials (and the
     * token that comes back) travel only over HTTPS, or over plain HTTP to a host that may use it
     * (loopback, {@code --insecure-registry}). A registry, or whoever rewrites its answers, must not
     * be able to collect the password by naming {@code http://elsewhere/}.
     */
    private URI realm(Challenge bearer) {
        String text = bearer.realm();
        if (text == null || text.isEmpty()) {
            throw GateException.operational(registry + ": bearer challenge without a realm", null);
        }
        URI realm;
        try {
            realm = new URI(text);
        } catch (URISyntaxException e) {
            throw GateException.operational(
                    registry + ": token realm " + SafeText.quoted(text) + " is not a URL", null);
        }
        String scheme = realm.getScheme() == null ? "" : realm.getScheme().toLowerCase(Locale.ROOT);
        if (realm.getHost() == null
                || realm.getRawUserInfo() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw GateException.operational(
                    registry + ": token realm " + SafeText.quoted(text) + " is not an http(s) URL of a host", null);
        }
        if (scheme.equals("http") && !plainHttpAllowed.test(realm.getRawAuthority())) {
            throw GateException.operational(
                    registry + ": token realm " + SafeText.quoted(text) + " is plain HTTP; gate sends "
                            + "credentials to a realm only over HTTPS, or over HTTP to loopback or a host given with --insecure-registry "
                            + SafeText.quoted(realm.getRawAuthority()),
                    null);
        }
        return realm;
    }

    private static String basic(Credential credential) {
        String pair = credential.username() + ":" + credential.secret();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
