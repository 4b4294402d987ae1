package dev.gate.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.GateException;
import dev.gate.image.registry.Credential;
import dev.gate.image.registry.RegistryOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two listing calls an audit needs, {@code tags/list} and {@code _catalog}, following
 * {@code Link: rel="next"} pages. The image module's registry client has no listing calls, so this
 * answers the challenge itself: Basic with the stored credential, or a Bearer token from the realm.
 * Credentials are only ever sent to the registry or its token realm and never printed.
 */
final class RegistryListing {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final String registry;
    private final boolean plainAllowed;
    private String base;
    private final Optional<Credential> credential;
    private final HttpClient http;

    RegistryListing(String registry, RegistryOptions options) {
        this.registry = registry;
        String host = registry.split(":")[0];
        boolean plain = host.equals("localhost") || host.startsWith("127.") || registry.startsWith("[::1]")
                || options.insecureRegistries().contains(registry);
        this.plainAllowed = plain;
        this.credential = options.credentials().lookup(registry);
        // HTTP/1.1 as the registry client speaks it: Distribution's HTTP/2 answers Java's h2 requests with 400.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL);
        options.extraCa().ifPresent(ca -> builder.sslContext(ListingTls.trusting(ca)));
        this.http = builder.build();
    }

    List<String> tags(String repository) {
        List<String> tags = new ArrayList<>();
        page("/v2/" + repository + "/tags/list", "repository:" + repository + ":pull", "tags", tags);
        return tags;
    }

    List<String> repositories() {
        List<String> repositories = new ArrayList<>();
        page("/v2/_catalog", "registry:catalog:*", "repositories", repositories);
        return repositories;
    }

    private void page(String path, String scope, String field, List<String> into) {
        String next = path;
        String authorization = null;
        for (int pages = 0; next != null && pages < 1000; pages++) {
            HttpResponse<String> response = get(next, authorization);
            if (response.statusCode() == 401 && authorization == null) {
                authorization = authorize(response, scope);
                response = get(next, authorization);
            }
            if (response.statusCode() == 404) {
                throw GateException.input(registry + next + ": no such repository (404)");
            }
            if (response.statusCode() != 200) {
                throw new GateException(GateException.Kind.OPERATIONAL, registry + next + ": registry answered "
                        + response.statusCode() + (response.statusCode() == 401 ? "; check the credentials for " + registry : ""));
            }
            try {
                JsonNode list = JSON.readTree(response.body()).path(field);
                list.forEach(n -> into.add(n.asText()));
            } catch (IOException e) {
                throw new GateException(GateException.Kind.OPERATIONAL, registry + next + ": answer is not JSON");
            }
            next = response.headers().firstValue("Link").map(RegistryListing::nextPath).orElse(null);
        }
    }

    private static String nextPath(String link) {
        Matcher m = NEXT.matcher(link);
        if (!m.find()) {
            return null;
        }
        URI uri = URI.create(m.group(1));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** HTTPS first; plain HTTP only where it is allowed (loopback, --insecure-registry) and HTTPS does not answer. */
    private synchronized String base() {
        if (base == null) {
            base = "https://" + registry;
            if (plainAllowed) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(base + "/v2/")).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    base = "http://" + registry;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GateException(GateException.Kind.OPERATIONAL, registry + ": interrupted", e);
                }
            }
        }
        return base;
    }

    private HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GateException(GateException.Kind.OPERATIONAL, registry + ": unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GateException(GateException.Kind.OPERATIONAL, registry + ": interrupted", e);
        }
    }

    private String authorize(HttpResponse<String> challenged, String scope) {
        String header = challenged.headers().firstValue("WWW-Authenticate").orElse("");
        if (header.regionMatches(true, 0, "Basic", 0, 5)) {
            Credential c = credential.filter(x -> !x.identityToken())
                    .orElseThrow(() -> new GateException(GateException.Kind.OPERATIONAL, registry + ": needs credentials (docker login)"));
            return "Basic " + basic(c);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new GateException(GateException.Kind.OPERATIONAL, registry + ": unsupported authentication challenge");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
        if (params.containsKey("service")) {
            url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
        }
        url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        HttpRequest.Builder token = HttpRequest.newBuilder(URI.create(url.toString())).GET();
        credential.filter(c -> !c.identityToken()).ifPresent(c -> token.header("Authorization", "Basic " + basic(c)));
        HttpResponse<String> answer = send(token.build());
        if (answer.statusCode() != 200) {
            throw new GateException(GateException.Kind.OPERATIONAL, registry + ": token endpoint answered " + answer.statusCode());
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText();
            return "Bearer " + value;
        } catch (IOException e) {
            throw new GateException(GateException.Kind.OPERATIONAL, registry + ": token endpoint answer is not JSON");
        }
    }

    private static String basic(Credential c) {
        return Base64.getEncoder().encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
    }
}
