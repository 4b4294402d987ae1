package dev.gate.image;

import java.util.Objects;

/** What a reference resolves to: a single-platform image or a multi-platform index. */
public sealed interface Artifact {

    Descriptor descriptor();

    /** The exact manifest or index bytes. */
    byte[] raw();

    static Artifact of(Image image) {
        return new Single(image);
    }

    static Artifact of(ImageIndex index) {
        return new Multi(index);
    }

    record Single(Image image) implements Artifact {
        public Single {
            Objects.requireNonNull(image);
        }

        @Override
        public Descriptor descriptor() {
            return image.descriptor();
        }

        @Override
        public byte[] raw() {
            return image.rawManifest();
        }
    }

    record Multi(ImageIndex index) implements Artifact {
        public Multi {
            Objects.requireNonNull(index);
        }

        @Override
        public Descriptor descriptor() {
            return index.descriptor();
        }

        @Override
        public byte[] raw() {
            return index.rawIndex();
        }
    }
}
