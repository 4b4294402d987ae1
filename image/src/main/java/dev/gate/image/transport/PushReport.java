package dev.gate.image.transport;

import dev.gate.image.Descriptor;
import java.util.List;

/** What a write did: the root digest it wrote and, blob by blob, whether it uploaded, skipped or mounted. */
public record PushReport(String destination, Descriptor root, List<BlobResult> blobs) {

    public PushReport {
        blobs = List.copyOf(blobs);
    }

    public record BlobResult(Descriptor blob, PushListener.Outcome outcome) {}
}
