package dev.gate.image.registry;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A streamed error response with its (bounded) body read, so it can be explained like any other. */
record BufferedResponse(HttpResponse<InputStream> streamed, byte[] body) implements HttpResponse<byte[]> {

    @Override
    public int statusCode() {
        return streamed.statusCode();
    }

    @Override
    public HttpRequest request() {
        return streamed.request();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return streamed.headers();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return streamed.sslSession();
    }

    @Override
    public URI uri() {
        return streamed.uri();
    }

    @Override
    public HttpClient.Version version() {
        return streamed.version();
    }
}
