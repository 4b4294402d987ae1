package dev.gate.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.image.oci.Json;
import java.net.http.HttpResponse;

/**
 * Turns a registry's error answer into one line that says what went wrong, why it usually
 * happens, and what to do. Never includes request headers, so credentials cannot leak.
 */
final class RegistryErrors {

    private RegistryErrors() {}

    /** Throws the explanation of {@code response} unless the registry answered {@code status}. */
    static void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            throw of(what, response);
        }
    }

    static GateException of(String what, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String detail = registryMessage(response.body());
        String hint = switch (status) {
            case 401 ->
                "unauthorized: the registry got no credentials or refused them; log in with docker login / podman login "
                        + "to this registry, pass --authfile FILE, or fix the password in your auth file";
            case 403 ->
                "denied: requested access to the resource is denied; the account may not push to (or read) this "
                        + "repository, or the name is misspelt (on Docker Hub it starts with your user or organisation)";
            case 404 -> "not found: check the repository name and tag or digest";
            case 413 ->
                "413 Request Entity Too Large: a proxy in front of the registry limits request bodies; blobs are already "
                        + "retried in chunks, so raise the proxy's limit (nginx: client_max_body_size) or pass a smaller --chunk-size";
            case 429 -> "too many requests: the registry rate-limits this client; wait and try again";
            default -> status >= 500 ? "the registry failed (" + status + "); try again later" : "HTTP " + status;
        };
        if (detail.contains("MANIFEST_BLOB_UNKNOWN")) {
            hint = "a blob the manifest names is not in the repository: it was not uploaded, or the registry lost it";
        } else if (detail.contains("DIGEST_INVALID")) {
            hint = "the bytes sent do not match their digest: the source's copy of this blob is corrupt or was changed "
                    + "after the image was built; rebuild or re-pull the image";
        }
        if (detail.contains("BLOB_UPLOAD_INVALID") || detail.contains("BLOB_UPLOAD_UNKNOWN")) {
            hint =
                    "blob upload invalid: the registry lost or refused the upload session (a proxy or load balancer sending "
                            + "requests of one upload to different registry replicas, or a session that expired); try again, or with --jobs 1";
        }
        return new GateException(
                status == 404 || status == 400 ? GateException.Kind.INPUT : GateException.Kind.OPERATIONAL,
                what + ": " + hint + (detail.isEmpty() ? "" : " (registry said: " + detail + ")"));
    }

    private static String registryMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode errors = Json.MAPPER.readTree(body).path("errors");
            StringBuilder out = new StringBuilder();
            for (JsonNode error : errors) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                // the registry's words, escaped: they must not forge lines or terminal sequences
                out.append(SafeText.of(error.path("code").asText()))
                        .append(": ")
                        .append(SafeText.of(error.path("message").asText()));
            }
            return out.toString();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
