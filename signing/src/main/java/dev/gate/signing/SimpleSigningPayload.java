package dev.gate.signing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.gate.image.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The payload cosign signs for a container image. The bytes are built by hand because the field
 * order and the absence of whitespace must match cosign exactly for signatures to interoperate.
 */
public record SimpleSigningPayload(String dockerReference, Digest manifestDigest) {

    public SimpleSigningPayload {
        Objects.requireNonNull(dockerReference, "dockerReference");
        Objects.requireNonNull(manifestDigest, "manifestDigest");
    }

    public byte[] bytes() {
        String json = "{\"critical\":{\"identity\":{\"docker-reference\":\"" + escape(dockerReference)
                + "\"},\"image\":{\"docker-manifest-digest\":\"" + escape(manifestDigest.toString())
                + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
