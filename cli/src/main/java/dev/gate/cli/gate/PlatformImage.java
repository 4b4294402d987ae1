package dev.gate.cli.gate;

import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.MediaTypes;
import java.util.ArrayList;
import java.util.List;

/** One single-platform image of an artifact: a lone image, or an image entry of an index. */
public record PlatformImage(String platform, Image image) {

    public Descriptor descriptor() {
        return image.descriptor();
    }

    /** The images of an artifact, in index order; nested indexes are walked, attestation entries skipped. */
    public static List<PlatformImage> of(Artifact artifact) {
        List<PlatformImage> images = new ArrayList<>();
        if (artifact instanceof Artifact.Single single) {
            images.add(new PlatformImage(ImageSection.platformOf(single.image()), single.image()));
        } else {
            collect(((Artifact.Multi) artifact).index(), images);
        }
        return images;
    }

    private static void collect(ImageIndex index, List<PlatformImage> images) {
        for (Descriptor child : index.manifests()) {
            if (MediaTypes.isIndex(child.mediaType())) {
                collect(index.index(child.digest()), images);
            } else if (MediaTypes.isManifest(child.mediaType()) && !isAttestation(child)) {
                Image image = index.image(child.digest());
                String platform = child.platform() != null ? child.platform().toString() : ImageSection.platformOf(image);
                images.add(new PlatformImage(platform, image));
            }
        }
    }

    /** BuildKit stores provenance as index entries with platform unknown/unknown; they are not images to gate. */
    private static boolean isAttestation(Descriptor child) {
        return child.platform() != null && "unknown".equals(child.platform().os());
    }
}
