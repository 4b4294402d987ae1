package dev.gate.image.registry;

import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Sends a request and follows the registry's redirects by hand, at most {@link #MAX_REDIRECTS} hops, rather than
 * leaving them to the HTTP client: every hop is checked against the origin rules here, so the {@code Authorization}
 * header reaches only the origin it was meant for and plain HTTP is spoken only where a registry may speak it. The
 * same rules ({@link #sameOrigin}, {@link #resolve}) judge the other URLs a registry sends gate to: upload sessions
 * and the pages of a listing.
 */
final class Redirects {

    private static final int MAX_REDIRECTS = 5;

    private final String registry;
    private final Predicate<String> plainHttpHosts;
    private final HttpClient client;
    private final Duration timeout;

    /** {@code plainHttpHosts} tells which {@code host[:port]} may be spoken to over plain HTTP. */
    Redirects(String registry, Predicate<String> plainHttpHosts, HttpClient client, Duration timeout) {
        this.registry = registry;
        this.plainHttpHosts = plainHttpHosts;
        this.client = client;
        this.timeout = timeout;
    }

    /** The answer at the end of the redirects, or the last redirect when there are too many or it names no target. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
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
            RegistryHttp.discard(response);
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
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
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
}
