package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.testing.TestMaterial;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** What a plain loopback registry holds, asked through its HTTP API directly rather than through gate. */
final class RegistryChecks {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ACCEPT =
            "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
                    + "application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json";

    private RegistryChecks() {}

    /** Tags of the repository; none when the repository does not exist. */
    static List<String> tags(String registry, String repository) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/tags/list"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return List.of();
        }
        assertEquals(200, response.statusCode(), response.body());
        List<String> tags = new ArrayList<>();
        JsonNode list = new ObjectMapper().readTree(response.body()).path("tags");
        list.forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** HTTP status of GET manifests/{tagOrDigest}. */
    static int manifestStatus(String registry, String repository, String reference)
            throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://" + registry + "/v2/" + repository + "/manifests/" + reference))
                                .header("Accept", ACCEPT)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static byte[] manifest(String registry, String repository, String reference)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + reference))
                        .header("Accept", ACCEPT)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    static void putManifest(String registry, String repository, String reference, byte[] body, String mediaType)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + reference))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }

    /** skopeo's view of an image: an independent client reads what gate pushed. */
    static JsonNode skopeoInspect(String image) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("skopeo", "inspect", "--tls-verify=false", "docker://" + image).start();
        } catch (IOException e) {
            TestMaterial.missing("skopeo is not installed (apt-get install skopeo): " + e.getMessage());
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        assertEquals(0, process.waitFor(), "skopeo inspect " + image + ": " + err);
        return new ObjectMapper().readTree(out);
    }

    /**
     * Rewrites {@code from} to {@code to} in the statement of the first {@code .att} layer that holds it, keeping the
     * old signature, and pushes the altered manifest: what an attacker with push rights but no key could do.
     */
    static void tamperWithAttestation(String registry, String repository, String digest, String from, String to)
            throws Exception {
        String tag = "sha256-" + digest.substring("sha256:".length()) + ".att";
        ObjectNode manifest = (ObjectNode) MAPPER.readTree(manifest(registry, repository, tag));
        for (JsonNode node : manifest.get("layers")) {
            ObjectNode layer = (ObjectNode) node;
            ObjectNode envelope = (ObjectNode) MAPPER.readTree(
                    blob(registry, repository, layer.get("digest").asText()));
            String statement = new String(
                    Base64.getDecoder().decode(envelope.get("payload").asText()), StandardCharsets.UTF_8);
            if (statement.contains(from)) {
                envelope.put(
                        "payload",
                        Base64.getEncoder()
                                .encodeToString(statement.replace(from, to).getBytes(StandardCharsets.UTF_8)));
                byte[] altered = MAPPER.writeValueAsBytes(envelope);
                layer.put("digest", uploadBlob(registry, repository, altered));
                layer.put("size", altered.length);
                putManifest(
                        registry,
                        repository,
                        tag,
                        MAPPER.writeValueAsBytes(manifest),
                        "application/vnd.oci.image.manifest.v1+json");
                return;
            }
        }
        fail("no attestation of " + digest + " contains " + from);
    }

    static byte[] blob(String registry, String repository, String digest) throws Exception {
        var response = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .build()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://" + registry + "/v2/" + repository + "/blobs/" + digest))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    static String uploadBlob(String registry, String repository, byte[] content) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        String digest = "sha256:" + TestImages.sha256(content);
        var start = client.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://" + registry + "/v2/" + repository + "/blobs/uploads/"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(202, start.statusCode());
        String location = start.headers().firstValue("Location").orElseThrow();
        java.net.URI upload = java.net.URI.create("http://" + registry).resolve(location);
        String url = upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest;
        var put = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(content))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(201, put.statusCode());
        return digest;
    }
}
