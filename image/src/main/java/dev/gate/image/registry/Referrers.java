package dev.gate.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.merge.MergedWrites;
import dev.gate.image.oci.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * OCI 1.1 referrers: artifacts (signatures, SBOMs) whose manifest names an image as its
 * {@code subject}. Registries with the referrers API index them on push and say so with
 * {@code OCI-Subject}; for the others the pusher keeps the tag-schema fallback index under
 * {@code sha256-<hex>}, and readers fall back to that tag when the API answers 404.
 */
public final class Referrers {

    private Referrers() {}

    /** The fallback tag of a subject: {@code <algorithm>-<hex>}. */
    public static String fallbackTag(Digest subject) {
        return subject.algorithm() + "-" + subject.hex();
    }

    /** {@link #publish(RegistryClient, Descriptor, byte[], String, Digest, MergedWrites)}, confirmed at once. */
    public static boolean publish(
            RegistryClient client, Descriptor referrer, byte[] raw, String artifactType, Digest subject) {
        MergedWrites writes = MergedWrites.standard();
        boolean fellBack = publish(client, referrer, raw, artifactType, subject, writes);
        writes.confirm();
        return fellBack;
    }

    /**
     * Pushes a referrer manifest (its blobs already pushed) by digest and, unless the registry indexed it itself (the
     * referrers API: one manifest per referrer, nothing to merge), adds it to the subject's fallback index as one of
     * {@code writes}, to be confirmed with them. Returns whether the fallback was used.
     */
    public static boolean publish(
            RegistryClient client,
            Descriptor referrer,
            byte[] raw,
            String artifactType,
            Digest subject,
            MergedWrites writes) {
        RegistryClient.ManifestPut put = client.putManifest(referrer.digest().toString(), referrer, raw);
        if (put.ociSubject().filter(subject::equals).isPresent()) {
            return false;
        }
        String tag = fallbackTag(subject);
        writes.add(new FallbackEntry(
                t -> client.getManifest(t).map(RegistryClient.Manifest::raw),
                (t, index, read) -> client.putManifestIf(
                        t, Descriptor.of(MediaTypes.OCI_INDEX, Digest.sha256(index), index.length), index, read),
                tag,
                referrer,
                artifactType,
                client.repository() + ":" + tag));
        return true;
    }

    /**
     * The referrers index of {@code subject}, only entries of {@code artifactType} when it is not
     * null: from the referrers API, or from the fallback tag when the registry has no such API.
     * Empty when there are none.
     */
    public static Optional<byte[]> index(RegistryClient client, Digest subject, String artifactType) {
        Optional<byte[]> listed = client.referrers(subject, artifactType);
        if (listed.isEmpty()) {
            listed = client.getManifest(fallbackTag(subject)).map(RegistryClient.Manifest::raw);
        }
        return listed.map(raw -> filtered(raw, artifactType, "referrers of " + subject));
    }

    /**
     * The referrers API's index for {@code subject} ({@code artifactType} passed on as a filter when not null); empty
     * when the registry has no referrers API (404).
     */
    static Optional<byte[]> fromApi(RepositoryApi repository, Digest subject, String artifactType) {
        String query =
                artifactType == null ? "" : "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = repository
                .http()
                .exchange(
                        "list referrers of " + subject,
                        repository.pull(),
                        () -> HttpRequest.newBuilder(repository.uri("/referrers/" + subject + query))
                                .header("Accept", MediaTypes.OCI_INDEX)
                                .GET(),
                        CappedBody.upTo(CappedBody.MANIFEST));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        RegistryErrors.expect(response, 200, "list referrers of " + subject + " in " + repository.name());
        return Optional.of(response.body());
    }

    /** {@code index} (or a new empty index) with {@code referrer} listed once. */
    public static byte[] withReferrer(Optional<byte[]> index, Descriptor referrer, String artifactType, String where) {
        ObjectNode root = index.map(raw -> parse(raw, where)).orElseGet(Referrers::emptyIndex);
        ArrayNode manifests = (ArrayNode) root.get("manifests");
        for (JsonNode existing : manifests) {
            if (referrer.digest().toString().equals(existing.path("digest").asText())) {
                return index.orElseThrow();
            }
        }
        ObjectNode entry = manifests
                .addObject()
                .put("mediaType", referrer.mediaType())
                .put("digest", referrer.digest().toString())
                .put("size", referrer.size());
        if (artifactType != null) {
            entry.put("artifactType", artifactType);
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the referrers index {@code index} lists {@code referrer}. */
    static boolean lists(byte[] index, Digest referrer, String where) {
        for (JsonNode existing : parse(index, where).get("manifests")) {
            if (referrer.toString().equals(existing.path("digest").asText())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] filtered(byte[] raw, String artifactType, String where) {
        if (artifactType == null) {
            return raw;
        }
        ObjectNode root = parse(raw, where);
        ArrayNode kept = Json.MAPPER.createArrayNode();
        root.get("manifests").forEach(entry -> {
            if (artifactType.equals(entry.path("artifactType").asText())) {
                kept.add(entry);
            }
        });
        root.set("manifests", kept);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode emptyIndex() {
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests");
        return index;
    }

    private static ObjectNode parse(byte[] raw, String where) {
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            if (node instanceof ObjectNode object && node.path("manifests").isArray()) {
                return object;
            }
        } catch (IOException e) {
            // reported below
        }
        throw GateException.input(where + ": not an OCI index of referrers");
    }
}
