package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** What a plain loopback registry holds, asked through its HTTP API directly rather than through gate. */
final class RegistryChecks {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
            + "application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json";

    private RegistryChecks() {
    }

    /** Tags of the repository; none when the repository does not exist. */
    static List<String> tags(String registry, String repository) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/tags/list"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
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
    static int manifestStatus(String registry, String repository, String reference) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + reference))
                .header("Accept", ACCEPT).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static byte[] manifest(String registry, String repository, String reference) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository
                + "/manifests/" + reference)).header("Accept", ACCEPT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    static void putManifest(String registry, String repository, String reference, byte[] body, String mediaType)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository
                        + "/manifests/" + reference)).header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }

    /** skopeo's view of an image: an independent client reads what gate pushed. */
    static JsonNode skopeoInspect(String image) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("skopeo", "inspect", "--tls-verify=false", "docker://" + image).start();
        } catch (IOException e) {
            GateFixtures.skip("skopeo is not installed (apt-get install skopeo): " + e.getMessage());
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        assertEquals(0, process.waitFor(), "skopeo inspect " + image + ": " + err);
        return new ObjectMapper().readTree(out);
    }
}
