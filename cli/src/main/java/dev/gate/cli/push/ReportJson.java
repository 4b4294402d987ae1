package dev.gate.cli.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.transport.PushReport;

/** The {@code --output json} form of a push or copy. */
final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {}

    static String of(PushReport report, java.util.List<String> alsoTags) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("destination", report.destination());
        root.put("digest", report.root().digest().toString());
        root.put("mediaType", report.root().mediaType());
        root.put("size", report.root().size());
        alsoTags.forEach(root.putArray("alsoTagged")::add);
        ArrayNode blobs = root.putArray("blobs");
        for (PushReport.BlobResult result : report.blobs()) {
            blobs.addObject()
                    .put("digest", result.blob().digest().toString())
                    .put("size", result.blob().size())
                    .put("mediaType", result.blob().mediaType())
                    .put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        }
        return root.toString();
    }
}
