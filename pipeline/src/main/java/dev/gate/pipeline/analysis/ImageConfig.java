package dev.gate.pipeline.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Image;
import dev.gate.image.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An image's config blob: what names its platform, and what {@code input.image.config} is read from. */
public final class ImageConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageConfig() {}

    /** The platform an image's config names, {@code os/arch[/variant]}. */
    static String platform(Image image) {
        JsonNode config = read(image);
        String platform = config.path("os").asText("unknown") + "/"
                + config.path("architecture").asText("unknown");
        String variant = config.path("variant").asText("");
        return variant.isEmpty() ? platform : platform + "/" + variant;
    }

    /** The config, read whole (at most 16 MiB) and checked against its digest. */
    public static JsonNode read(Image image) {
        Descriptor d = image.config().descriptor();
        if (d.size() > 16L << 20) {
            throw GateException.input(
                    "image config " + d.digest() + " declares " + d.size() + " bytes, over the 16 MiB limit");
        }
        // Checked here whatever the source does: the config's labels, user and history feed the policy input.
        try (InputStream in = new VerifyingInputStream(image.config().open(), d, "the image")) {
            return JSON.readTree(in.readAllBytes());
        } catch (VerifyingInputStream.BlobMismatchException e) {
            throw GateException.input("the source changed or is corrupt: config " + d.digest() + ": " + e.getMessage());
        } catch (IOException e) {
            throw GateException.input("image config " + d.digest() + " is not JSON: " + e.getMessage());
        }
    }
}
