package dev.gate.image.registry;

import dev.gate.errors.GateException;
import java.io.IOException;
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
import javax.net.ssl.SSLParameters;

/**
 * The HTTP layer for one registry: every request of the distribution API goes through {@link #exchange} (or
 * {@link #exchangeOnce}), which authenticates for the request's scopes, answers a 401 once with a fresh token, retries
 * what is safe to retry within the run's {@link RequestBudget}, and bounds each answer's size and silence. The scheme
 * is found by {@link RegistryPing}; redirects are followed by {@link Redirects}, so that credentials never reach
 * another origin.
 */
final class RegistryHttp {

    private final String registry;
    private final TokenAuth auth;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final RequestBudget budget;
    private final RegistryPing ping;
    private final Redirects redirects;

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
        this.auth = auth;
        this.retry = retry;
        this.timeout = timeout;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .sslContext(tls)
                .sslParameters(new SSLParameters()) // JSSE's defaults, without making the context build them now
                .build();
        auth.useClient(client, timeout);
        this.ping = new RegistryPing(registry, plainHttpHosts.test(registry), client, timeout, auth);
        this.redirects = new Redirects(registry, plainHttpHosts, client, timeout);
    }

    String registry() {
        return registry;
    }

    RetryPolicy retry() {
        return retry;
    }

    /** {@code https://host} unless plain HTTP is allowed and the registry does not speak TLS. */
    URI base() {
        return ping.base();
    }

    /** A timeout is not retried: a registry that went silent for the whole --timeout is not coming back soon. */
    static GateException silent(String what, String registry, Duration timeout, IOException e) {
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
                response = redirects.send(authorized(request.get(), scopes), handler);
            } catch (HttpTimeoutException e) {
                throw silent(what, registry, timeout, e);
            } catch (CappedBody.TooLarge e) {
                throw tooLarge(what, e);
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw GateException.operational(
                            what + ": " + registry + " failed after " + attempt + " attempts: " + e, e);
                }
                RetryPolicy.sleep(retry.delay(attempt, null));
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
                    RetryPolicy.sleep(delay);
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
            HttpResponse<T> response = redirects.send(authorized(request.get(), scopes), handler);
            if (response.statusCode() == 401) {
                discard(response);
                auth.refresh(response, scopes);
                response = redirects.send(authorized(request.get(), scopes), handler);
            }
            return response;
        } catch (CappedBody.TooLarge e) {
            throw tooLarge("upload", e);
        }
    }

    /** Lets go of the connection behind a streamed answer gate will not read. */
    static void discard(HttpResponse<?> response) {
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
        if (!Redirects.sameOrigin(built.uri(), base())) {
            return built;
        }
        HttpRequest.Builder withAuth = HttpRequest.newBuilder(built, (name, value) -> true);
        auth.authorize(withAuth, scopes);
        return withAuth.build();
    }
}
