package dev.gate.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gate.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An in-memory distribution registry on loopback, for what no real registry here can do on
 * demand: injected faults, token challenges, redirects. Records every request it saw.
 */
final class FakeRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fault answered instead of the real response when its predicate matches, {@code times} times. */
    record Fault(Predicate<HttpExchange> when, int status, Map<String, String> headers, byte[] body, int[] remaining) {}

    /** Status of a fault that reads part of an upload's body, keeps it, and drops the connection. */
    static final int DROP_CONNECTION = -1;
    /** Status of a fault that reads the whole request and then never answers, until the registry is closed. */
    static final int NEVER_ANSWER = -2;
    /** Status of a fault that stops reading the request at once and never answers, until the registry is closed. */
    static final int STOP_READING = -3;

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    /** Referrer descriptors by {@code /v2/<name>/referrers/<subject>}, kept when the referrers API is on. */
    final Map<String, List<ObjectNode>> referrers = new ConcurrentHashMap<>();
    /** On: honour If-Match / If-None-Match on manifest writes with 412, as a registry with conditional writes does. */
    volatile boolean conditionalWrites;
    /** Runs before a manifest PUT is applied: a concurrent writer landing between a client's read and its write. */
    volatile java.util.function.Consumer<String> beforeManifestPut = path -> {};
    /** Off: behave like a registry without the referrers API (404, no OCI-Subject). */
    volatile boolean referrersApi = true;

    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    volatile String requiredToken;
    /** {@code Basic base64(user:password)} required when set, as an htpasswd registry does. */
    volatile String requiredBasic;
    /** Entries per {@code tags/list} or {@code _catalog} page, linked by {@code Link: rel="next"}; 0: one page. */
    volatile int pageSize;
    /** Bytes written by {@link #streamBody} answers, for tests that show a client stopped reading. */
    final AtomicLong streamed = new AtomicLong();

    private final List<Streamed> streams = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closing = new CountDownLatch(1);

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void fault(Predicate<HttpExchange> when, int status, Map<String, String> headers, int times) {
        fault(when, status, headers, new byte[0], times);
    }

    /** A fault answered with {@code body}, such as a registry's JSON error list. */
    void fault(Predicate<HttpExchange> when, int status, Map<String, String> headers, byte[] body, int times) {
        faults.add(new Fault(when, status, headers, body, new int[] {times}));
    }

    void clearFaults() {
        faults.clear();
    }

    /**
     * Answers requests matching {@code when} with a 200 whose body is {@code length} spaces, sent in
     * chunks as fast as the client takes them; with {@code stallAt >= 0} the body stops there and
     * the connection stays open and silent until the registry is closed.
     */
    void streamBody(Predicate<HttpExchange> when, long length, long stallAt) {
        streams.add(new Streamed(when, length, stallAt));
    }

    private record Streamed(Predicate<HttpExchange> when, long length, long stallAt) {}

    /** Requires Basic credentials for every request. */
    void requireBasic(String user, String password) {
        requiredBasic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Requires {@code Bearer token}, issued by this server's /token endpoint. */
    void requireToken(String token) {
        requiredToken = token;
    }

    /** From the first request matching {@code when} on, only {@code next} is accepted (a token that expired). */
    void rotateToken(Predicate<HttpExchange> when, String next) {
        rotations.add(new Rotation(when, next));
    }

    private record Rotation(Predicate<HttpExchange> when, String next) {}

    private final List<Rotation> rotations = Collections.synchronizedList(new ArrayList<>());

    long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(method + " " + path + (query == null ? "" : "?" + query));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        try (exchange) {
            synchronized (rotations) {
                rotations.removeIf(rotation -> {
                    if (rotation.when().test(exchange)) {
                        requiredToken = rotation.next();
                        return true;
                    }
                    return false;
                });
            }
            for (Streamed stream : List.copyOf(streams)) {
                if (stream.when().test(exchange)) {
                    stream(exchange, stream);
                    return;
                }
            }
            if (path.equals("/token")) {
                respond(exchange, 200, ("{\"token\":\"" + requiredToken + "\"}").getBytes(), Map.of());
                return;
            }
            for (Fault fault : faults) {
                synchronized (fault) {
                    if (fault.remaining()[0] > 0 && fault.when().test(exchange)) {
                        fault.remaining()[0]--;
                        if (fault.status() == DROP_CONNECTION) {
                            dropMidBody(exchange, path);
                        }
                        if (fault.status() == NEVER_ANSWER || fault.status() == STOP_READING) {
                            if (fault.status() == NEVER_ANSWER) {
                                exchange.getRequestBody().readAllBytes();
                            }
                            awaitClose();
                            return;
                        }
                        exchange.getRequestBody().readAllBytes();
                        respond(exchange, fault.status(), fault.body(), fault.headers());
                        return;
                    }
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (requiredBasic != null && !requiredBasic.equals(authorization)) {
                respond(exchange, 401, new byte[0], Map.of("WWW-Authenticate", "Basic realm=\"fake\""));
                return;
            }
            if (requiredToken != null && !("Bearer " + requiredToken).equals(authorization)) {
                respond(
                        exchange,
                        401,
                        new byte[0],
                        Map.of("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"fake\""));
                return;
            }
            route(exchange, method, path, query, body);
        }
    }

    private void stream(HttpExchange exchange, Streamed stream) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        OutputStream out = exchange.getResponseBody();
        long end = stream.stallAt() >= 0 ? Math.min(stream.stallAt(), stream.length()) : stream.length();
        for (long sent = 0; sent < end; ) {
            int n = (int) Math.min(chunk.length, end - sent);
            out.write(chunk, 0, n);
            sent += n;
            streamed.addAndGet(n);
        }
        out.flush();
        if (stream.stallAt() >= 0) {
            awaitClose();
        }
    }

    private void awaitClose() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the first half of the body in the upload session, as a registry does, then cuts the connection. */
    private void dropMidBody(HttpExchange exchange, String path) throws IOException {
        long length = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length"));
        byte[] half = exchange.getRequestBody().readNBytes((int) (length / 2));
        ByteArrayOutputStream session = uploads.get(path.substring(path.lastIndexOf('/') + 1));
        if (session != null) {
            session.writeBytes(half);
        }
        throw new IOException("connection dropped on purpose");
    }

    private void route(HttpExchange exchange, String method, String path, String query, byte[] body)
            throws IOException {
        if (path.equals("/v2/")) {
            respond(exchange, 200, "{}".getBytes(), Map.of());
        } else if (path.contains("/blobs/uploads/") && method.equals("POST")) {
            String mount = parameter(query, "mount");
            if (mount != null && blobs.containsKey(mount)) {
                respond(exchange, 201, new byte[0], Map.of("Docker-Content-Digest", mount));
                return;
            }
            String id = UUID.randomUUID().toString();
            uploads.put(id, new ByteArrayOutputStream());
            respond(exchange, 202, new byte[0], Map.of("Location", path + id, "Range", "0-0"));
        } else if (path.contains("/blobs/uploads/")) {
            upload(exchange, method, path, query, body);
        } else if (path.contains("/blobs/")) {
            byte[] blob = blobs.get(path.substring(path.lastIndexOf('/') + 1));
            respond(exchange, blob == null ? 404 : 200, blob == null ? new byte[0] : blob, Map.of());
        } else if (path.equals("/v2/_catalog")) {
            list(
                    exchange,
                    path,
                    query,
                    "repositories",
                    manifests.keySet().stream()
                            .map(key -> key.substring("/v2/".length(), key.indexOf("/manifests/")))
                            .distinct()
                            .sorted()
                            .toList());
        } else if (path.endsWith("/tags/list")) {
            String prefix = path.substring(0, path.length() - "tags/list".length()) + "manifests/";
            List<String> tags = manifests.keySet().stream()
                    .filter(key -> key.startsWith(prefix))
                    .map(key -> key.substring(prefix.length()))
                    .filter(tag -> !tag.contains(":"))
                    .sorted()
                    .toList();
            if (tags.isEmpty()) {
                respond(
                        exchange,
                        404,
                        "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}"
                                .getBytes(),
                        Map.of());
            } else {
                list(exchange, path, query, "tags", tags);
            }
        } else if (path.contains("/referrers/") && method.equals("GET")) {
            listReferrers(exchange, path, parameter(query, "artifactType"));
        } else if (path.contains("/manifests/") && method.equals("PUT")) {
            String key = path;
            beforeManifestPut.accept(key);
            if (conditionalWrites && !conditionHolds(exchange, manifests.get(key))) {
                respond(exchange, 412, new byte[0], Map.of());
                return;
            }
            manifests.put(key, body);
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            manifestTypes.put(key, type);
            Map<String, String> headers = new java.util.HashMap<>(
                    Map.of("Docker-Content-Digest", Digest.sha256(body).toString()));
            JsonNode subject = JSON.readTree(body).path("subject");
            if (referrersApi && subject.has("digest")) {
                ObjectNode entry = JSON.createObjectNode()
                        .put("mediaType", type)
                        .put("digest", Digest.sha256(body).toString())
                        .put("size", body.length)
                        .put(
                                "artifactType",
                                JSON.readTree(body).path("artifactType").asText());
                String repository = path.substring(0, path.indexOf("/manifests/"));
                referrers
                        .computeIfAbsent(
                                repository + "/referrers/"
                                        + subject.get("digest").asText(),
                                k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(entry);
                headers.put("OCI-Subject", subject.get("digest").asText());
            }
            respond(exchange, 201, new byte[0], headers);
        } else if (path.contains("/manifests/")) {
            byte[] manifest = manifests.get(path);
            Map<String, String> headers = manifest == null
                    ? Map.of()
                    : Map.of(
                            "Content-Type",
                            manifestTypes.get(path),
                            "Docker-Content-Digest",
                            Digest.sha256(manifest).toString());
            respond(exchange, manifest == null ? 404 : 200, manifest == null ? new byte[0] : manifest, headers);
        } else {
            respond(exchange, 404, new byte[0], Map.of());
        }
    }

    private static boolean conditionHolds(HttpExchange exchange, byte[] current) {
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifMatch != null) {
            return current != null && ifMatch.equals("\"" + Digest.sha256(current) + "\"");
        }
        return !"*".equals(ifNoneMatch) || current == null;
    }

    private void upload(HttpExchange exchange, String method, String path, String query, byte[] body)
            throws IOException {
        String id = path.substring(path.lastIndexOf('/') + 1);
        ByteArrayOutputStream session = uploads.get(id);
        if (session == null) {
            respond(
                    exchange,
                    404,
                    "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\",\"message\":\"blob upload unknown\"}]}".getBytes(),
                    Map.of());
            return;
        }
        synchronized (session) {
            if (method.equals("PATCH")) {
                String range = exchange.getRequestHeaders().getFirst("Content-Range");
                if (range != null && Long.parseLong(range.split("-")[0]) != session.size()) {
                    respond(exchange, 416, new byte[0], Map.of("Range", "0-" + Math.max(0, session.size() - 1)));
                    return;
                }
                session.writeBytes(body);
                respond(
                        exchange,
                        202,
                        new byte[0],
                        Map.of("Location", path, "Range", "0-" + Math.max(0, session.size() - 1)));
            } else if (method.equals("GET")) {
                respond(
                        exchange,
                        204,
                        new byte[0],
                        Map.of("Location", path, "Range", "0-" + Math.max(0, session.size() - 1)));
            } else if (method.equals("PUT")) {
                session.writeBytes(body);
                String digest = parameter(query, "digest");
                byte[] content = session.toByteArray();
                if (!Digest.sha256(content).toString().equals(digest)) {
                    respond(
                            exchange,
                            400,
                            "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"digest mismatch\"}]}".getBytes(),
                            Map.of());
                    return;
                }
                uploads.remove(id);
                blobs.put(digest, content);
                respond(exchange, 201, new byte[0], Map.of("Docker-Content-Digest", digest));
            } else {
                respond(exchange, 405, new byte[0], Map.of());
            }
        }
    }

    private void listReferrers(HttpExchange exchange, String path, String artifactType) throws IOException {
        if (!referrersApi) {
            respond(
                    exchange,
                    404,
                    "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"no route\"}]}".getBytes(),
                    Map.of());
            return;
        }
        ObjectNode index = JSON.createObjectNode()
                .put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode listed = index.putArray("manifests");
        for (ObjectNode entry : referrers.getOrDefault(path, List.of())) {
            if (artifactType == null
                    || artifactType.equals(entry.path("artifactType").asText())) {
                listed.add(entry);
            }
        }
        respond(
                exchange,
                200,
                JSON.writeValueAsBytes(index),
                artifactType == null
                        ? Map.of("Content-Type", "application/vnd.oci.image.index.v1+json")
                        : Map.of(
                                "Content-Type",
                                "application/vnd.oci.image.index.v1+json",
                                "OCI-Filters-Applied",
                                "artifactType"));
    }

    /** One page of a listing: the entries after {@code last}, and a {@code Link} to the next page when more remain. */
    private void list(HttpExchange exchange, String path, String query, String field, List<String> all)
            throws IOException {
        String last = parameter(query, "last");
        List<String> rest = all.stream()
                .filter(entry -> last == null || entry.compareTo(last) > 0)
                .toList();
        int size = pageSize;
        List<String> page = size > 0 && rest.size() > size ? rest.subList(0, size) : rest;
        ObjectNode body = JSON.createObjectNode();
        page.forEach(body.putArray(field)::add);
        Map<String, String> headers = page.size() < rest.size()
                ? Map.of("Link", "<" + path + "?n=" + size + "&last=" + page.get(page.size() - 1) + ">; rel=\"next\"")
                : Map.of();
        respond(exchange, 200, JSON.writeValueAsBytes(body), headers);
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    static InputStream none() {
        return InputStream.nullInputStream();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
