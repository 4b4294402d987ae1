package dev.gate.pipeline.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Digest;
import dev.gate.pipeline.analysis.PlatformImage;

/**
 * The findings of one platform image's scan, each saying which image it was found in ({@code platform {name,
 * digest}}): an index's findings are gathered from every image it lists, and what holds for one image (a VEX
 * statement about it, a policy's exception) may not hold for another.
 */
public final class PlatformFindings {

    private PlatformFindings() {}

    /** A copy of {@code scanReport} whose findings name {@code platform} and the image's manifest digest. */
    public static JsonNode of(JsonNode scanReport, String platform, Digest image) {
        JsonNode copy = scanReport.deepCopy();
        for (JsonNode finding : copy.path("vulnerabilities")) {
            ObjectNode where = ((ObjectNode) finding).putObject("platform");
            where.put("name", platform);
            where.put("digest", image.toString());
        }
        return copy;
    }

    public static JsonNode of(JsonNode scanReport, PlatformImage image) {
        return of(scanReport, image.platform(), image.descriptor().digest());
    }
}
