package dev.gate.image.registry;

import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP layer for one registry: picks the scheme, authenticates on demand, retries what is safe
 * to retry, and follows redirects itself so that credentials never reach another origin.
 */
final class RegistryHttp {

    private static final int MAX_REDIRECTS = 5;

    private final String registry;
    private final boolean plainHttpAllowed;
    private final Predicate<String> plainHttpHosts;
    private final HttpClient client;
    private final TokenAuth auth;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final RequestBudget budget;
    private volatile URI base;

    /** {@code plainHttpHosts} tells which {@code host[:port]} may be spoken to over plain HTTP. */
    RegistryHttp(
            String registry,
            Predicate<String> plainHttpHosts,
            TokenAuth auth,
            RetryPolicy retry,
            SSLContext tls,
            Duration timeout) {
        this(registry, plainHttpHosts, auth, retry, tls, timeout, RequestBudget.unlimited());
    }

    /** {@code budget}: the bound on requests in flight and the pause this client shares with the others of its run. */
    RegistryHttp(
            String registry,
            Predicate<String> plainHttpHosts,
            TokenAuth auth,
            RetryPolicy retry,
            SSLContext tls,
            Duration timeout,
            RequestBudget budget) {
        this.registry = registry;
        this.budget = budget;
        this.plainHttpHosts = plainHttpHosts;
        this.plainHttpAllowed = plainHttpHosts.test(registry);
        this.auth = auth;
        this.retry = retry;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .sslContext(tls)
                .sslParameters(new SSLParameters()) // JSSE's defaults, without making the context build them now
                .build();
        auth.useClient(client, timeout);
    }

    String registry() {
        return registry;
    }

    RetryPolicy retry() {
        return retry;
    }

    /** {@code https://host} unless plain HTTP is allowed and the registry does not speak TLS. */
    URI base() {
        URI known = base;
        if (known == null) {
            known = ping();
            base = known;
        }
        return known;
    }

    /**
     * Where plain HTTP is allowed, HTTP is tried first: a registry answers its ping with 200 or 401,
     * while a TLS server answers plain HTTP with 400 or drops it, and then HTTPS is used.
     */
    private URI ping() {
        if (plainHttpAllowed) {
            URI http = URI.create("http://" + registry);
            try {
                HttpResponse<byte[]> response =
                        send(HttpRequest.newBuilder(http.resolve("/v2/")).GET());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    auth.observe(response);
                    return http;
                }
            } catch (ConnectException | HttpTimeoutException e) {
                throw unreachable(e);
            } catch (IOException e) {
                // not plain HTTP: try TLS below
            }
        }
        URI https = URI.create("https://" + registry);
        try {
            auth.observe(send(HttpRequest.newBuilder(https.resolve("/v2/")).GET()));
            return https;
        } catch (SSLException e) {
            throw GateException.operational(
                    registry + ": TLS handshake failed (" + e.getMessage()
                            + "); if it uses a private CA, pass --registry-ca FILE; if it serves plain HTTP, pass --insecure-registry "
                            + registry,
                    e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        return IdleTimeout.send(client, request.build(), CappedBody.upTo(CappedBody.SMALL), timeout);
    }

    private GateException unreachable(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return silent(registry + " (ping)", e);
        }
        String why = e instanceof ConnectException ? "connection refused" : e.toString();
        return GateException.operational(
                "registry " + registry + " is unreachable (" + why
                        + "); check the host and port, and that the registry is running",
                e);
    }

    /** A timeout is not retried: a registry that went silent for the whole --timeout is not coming back soon. */
    private GateException silent(String what, IOException e) {
        String why = e instanceof HttpConnectTimeoutException
                ? "could not connect to " + registry + " within " + IdleTimeout.describe(timeout)
                : e.getMessage();
        return GateException.operational(
                what + ": " + why + "; the registry or a proxy in front of it hangs "
                        + "(raise --timeout if it is only slow)",
                e);
    }

    private GateException tooLarge(String what, CappedBody.TooLarge e) {
        return GateException.operational(
                what + ": " + registry + " sent an answer that is too large: " + e.getMessage(), e);
    }

    /**
     * Sends a request built fresh for every attempt (bodies are replayable), with authentication
     * for {@code scopes}, retries and redirects.
     */
    <T> HttpResponse<T> exchange(
            String what,
            Set<String> scopes,
            Supplier<HttpRequest.Builder> request,
            HttpResponse.BodyHandler<T> handler) {
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<T> response;
            budget.enter();
            try {
                response = followRedirects(authorized(request.get(), scopes), handler);
            } catch (HttpTimeoutException e) {
                throw silent(what, e);
            } catch (CappedBody.TooLarge e) {
                throw tooLarge(what, e);
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw GateException.operational(
                            what + ": " + registry + " failed after " + attempt + " attempts: " + e, e);
                }
                sleep(retry.delay(attempt, null));
                continue;
            } finally {
                budget.leave();
            }
            int status = response.statusCode();
            if (status == 401 && !reauthenticated) {
                reauthenticated = true;
                discard(response);
                auth.refresh(response, scopes);
                attempt--;
                continue;
            }
            if (retry.retryable(status) && attempt < retry.maxAttempts()) {
                discard(response);
                Duration delay = retry.delay(attempt, response);
                // A shared pause is waited out, with every other request of the run, before the next attempt.
                if (status != 429 || !budget.pauseAll(delay)) {
                    sleep(delay);
                }
                continue;
            }
            return response;
        }
    }

    /**
     * Sends a request once, answering an authentication challenge but never retrying a failure:
     * for requests whose effect on the registry is unknown after a failure (an upload chunk), the
     * caller asks the registry where it stands instead. {@code request} is called again after a 401.
     */
    <T> HttpResponse<T> exchangeOnce(
            Set<String> scopes, Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            HttpResponse<T> response = followRedirects(authorized(request.get(), scopes), handler);
            if (response.statusCode() == 401) {
                discard(response);
                auth.refresh(response, scopes);
                response = followRedirects(authorized(request.get(), scopes), handler);
            }
            return response;
        } catch (CappedBody.TooLarge e) {
            throw tooLarge("upload", e);
        }
    }

    /** Lets go of the connection behind a streamed answer gate will not read. */
    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof AutoCloseable body) {
            try {
                body.close();
            } catch (Exception e) {
                // the answer is dropped either way
            }
        }
    }

    private HttpRequest authorized(HttpRequest.Builder request, Set<String> scopes) {
        HttpRequest built = request.build();
        if (!sameOrigin(built.uri(), base())) {
            return built;
        }
        HttpRequest.Builder withAuth = HttpRequest.newBuilder(built, (name, value) -> true);
        auth.authorize(withAuth, scopes);
        return withAuth.build();
    }

    private <T> HttpResponse<T> followRedirects(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            refuseUnsafePlainHttp(current.uri());
            HttpResponse<T> response = IdleTimeout.send(client, current, handler, timeout);
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || hop >= MAX_REDIRECTS) {
                return response;
            }
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                return response;
            }
            discard(response);
            URI target = resolve(current.uri(), location);
            HttpRequest.Builder next = HttpRequest.newBuilder(target)
                    .method(current.method(), current.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
            boolean sameOrigin = sameOrigin(current.uri(), target);
            current.headers().map().forEach((name, values) -> {
                if (sameOrigin || !name.equalsIgnoreCase("Authorization")) {
                    values.forEach(value -> next.header(name, value));
                }
            });
            current = next.build();
        }
    }

    /**
     * A Location (a redirect, an upload session) may name any URL; plain HTTP is used only where
     * it would be for a registry: loopback or a host given with --insecure-registry.
     */
    private void refuseUnsafePlainHttp(URI target) {
        if (target.getScheme().equalsIgnoreCase("http") && !plainHttpHosts.test(target.getRawAuthority())) {
            throw GateException.operational(
                    registry + " sent gate to "
                            + SafeText.quoted(
                                    target.getScheme() + "://" + target.getRawAuthority() + target.getRawPath())
                            + " over plain HTTP; refused (plain HTTP only to loopback "
                            + "or a host given with --insecure-registry)",
                    null);
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getHost() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    /** A {@code Location} the registry sent, resolved against the request it answered; only http(s) URLs of a host. */
    static URI resolve(URI request, String location) {
        try {
            URI target = request.resolve(location);
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (target.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                return target;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw GateException.operational(
                request.getHost() + " sent a Location that is not an http(s) URL: " + SafeText.quoted(location), null);
    }

    private static int effectivePort(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GateException.operational("interrupted while waiting to retry", e);
        }
    }
}
