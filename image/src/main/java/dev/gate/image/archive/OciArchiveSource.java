package dev.gate.image.archive;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.transport.ImageSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Reads {@code oci-archive:FILE[:TAG]}: an OCI image layout packed in a tar, read in place. */
public final class OciArchiveSource implements ImageSource {

    static final String REF_NAME = "org.opencontainers.image.ref.name";

    private final Path file;
    private final String tag;
    private TarMembers tar;

    public OciArchiveSource(Path file, String tag) {
        this.file = file;
        this.tag = tag;
    }

    @Override
    public Artifact resolve() {
        if (tar == null) {
            tar = new TarMembers(file);
        }
        if (!tar.has("oci-layout")) {
            throw GateException.input(file + ": missing oci-layout file (not an OCI layout archive)");
        }
        return ArchiveImages.artifact(
                tar, select(ArchiveImages.readIndexJson(tar).manifests(), tag, describe()));
    }

    /** The entry named TAG, or the only entry when no tag is given. */
    static Descriptor select(List<Descriptor> entries, String tag, String source) {
        if (entries.isEmpty()) {
            throw GateException.input(source + ": index.json lists no images");
        }
        if (tag == null) {
            if (entries.size() == 1) {
                return entries.get(0);
            }
            throw GateException.input(source + ": index.json has " + entries.size()
                    + " entries; name one with :TAG (tags: " + tags(entries) + ")");
        }
        return entries.stream()
                .filter(d -> tag.equals(refName(d)))
                .findFirst()
                .orElseThrow(() -> GateException.input(
                        source + ": no image tagged '" + tag + "' in index.json (tags: " + tags(entries) + ")"));
    }

    static String refName(Descriptor descriptor) {
        return descriptor.annotations() == null
                ? null
                : descriptor.annotations().get(REF_NAME);
    }

    private static String tags(List<Descriptor> entries) {
        List<String> names = entries.stream()
                .map(OciArchiveSource::refName)
                .filter(Objects::nonNull)
                .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    @Override
    public String describe() {
        return "oci-archive:" + file + (tag == null ? "" : ":" + tag);
    }

    @Override
    public void close() {
        if (tar != null) {
            tar.close();
            tar = null;
        }
    }
}
