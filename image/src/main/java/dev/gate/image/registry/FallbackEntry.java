package dev.gate.image.registry;

import dev.gate.image.Descriptor;
import dev.gate.image.merge.Convergence;
import dev.gate.image.merge.MergedWrite;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * A referrer listed in its subject's tag-schema fallback index ({@code sha256-<hex>}), which every pusher of a referrer
 * rewrites: a {@link MergedWrite}, so that concurrent pushers of referrers of one image keep each other's entries.
 * Works on any store of tags: a registry repository, an OCI layout.
 */
public final class FallbackEntry implements MergedWrite {

    private final Function<String, Optional<byte[]>> read;
    private final ConditionalWrite write;
    private final String tag;
    private final Descriptor referrer;
    private final String artifactType;
    private final String where;

    /** Writes {@code index} under {@code tag} if the tag still holds {@code read} (nothing, when empty). */
    @FunctionalInterface
    public interface ConditionalWrite {
        void write(String tag, byte[] index, Optional<byte[]> read);
    }

    public FallbackEntry(
            Function<String, Optional<byte[]>> read,
            ConditionalWrite write,
            String tag,
            Descriptor referrer,
            String artifactType,
            String where) {
        this.read = read;
        this.write = write;
        this.tag = tag;
        this.referrer = referrer;
        this.artifactType = artifactType;
        this.where = where;
    }

    @Override
    public boolean write(Convergence convergence) {
        return convergence.<Update>mergeAndWrite(
                () -> {
                    Optional<byte[]> current = read.apply(tag);
                    byte[] merged = Referrers.withReferrer(current, referrer, artifactType, where);
                    return current.isPresent() && Arrays.equals(current.get(), merged)
                            ? Optional.empty()
                            : Optional.of(new Update(current, merged));
                },
                update -> write.write(tag, update.merged(), update.read()));
    }

    private record Update(Optional<byte[]> read, byte[] merged) {}

    @Override
    public boolean stored() {
        return read.apply(tag)
                .map(index -> Referrers.lists(index, referrer.digest(), where))
                .orElse(false);
    }

    @Override
    public String describe() {
        return "referrer " + referrer.digest() + " in the index " + tag;
    }
}
