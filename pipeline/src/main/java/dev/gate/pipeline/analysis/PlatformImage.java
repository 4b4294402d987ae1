package dev.gate.pipeline.analysis;

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
            images.add(new PlatformImage(ImageConfig.platform(single.image()), single.image()));
        } else {
            collect(((Artifact.Multi) artifact).index(), images);
        }
        return images;
    }

    private static void collect(ImageIndex index, List<PlatformImage> images) {
        for (Descriptor child : index.manifests()) {
            if (MediaTypes.isIndex(child.mediaType())) {
                collect(index.index(child.digest()), images);
            } else if (MediaTypes.isManifest(child.mediaType())) {
                Image image = index.image(child.digest());
                if (!isAttestation(child, image)) {
                    String platform =
                            child.platform() != null ? child.platform().toString() : ImageConfig.platform(image);
                    images.add(new PlatformImage(platform, image));
                }
            }
        }
    }

    /**
     * BuildKit stores provenance as index entries with platform unknown/unknown, a reference-type annotation and only
     * in-toto layers; they are not images to gate. All three must hold: a platform label alone would let an index hide
     * a runnable image from the gate.
     */
    public static boolean isAttestation(Descriptor child, Image image) {
        return child.platform() != null
                && "unknown".equals(child.platform().os())
                && child.annotations() != null
                && "attestation-manifest".equals(child.annotations().get(REFERENCE_TYPE))
                && image.layers().stream()
                        .allMatch(l -> IN_TOTO.equals(l.descriptor().mediaType()));
    }

    static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    static final String IN_TOTO = "application/vnd.in-toto+json";
}
