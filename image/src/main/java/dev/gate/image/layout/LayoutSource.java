package dev.gate.image.layout;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.transport.ImageSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Reads {@code oci:DIR[:TAG]}: the index.json entry named TAG, or the only entry when no tag is given. */
public final class LayoutSource implements ImageSource {

    private final OciLayout layout;
    private final String tag;

    public LayoutSource(Path dir, String tag) {
        this.layout = new OciLayout(dir);
        this.tag = tag;
    }

    @Override
    public Artifact resolve() {
        Descriptor entry = select(layout.readIndex().manifests());
        return LayoutImages.isIndex(entry)
                ? Artifact.of(LayoutImages.index(layout, entry))
                : Artifact.of(LayoutImages.image(layout, entry));
    }

    private Descriptor select(List<Descriptor> entries) {
        if (tag == null) {
            if (entries.size() == 1) {
                return entries.get(0);
            }
            throw GateException.input(describe() + ": index.json has " + entries.size() + " entries; name one as oci:"
                    + layout.root() + ":TAG (tags: " + tags(entries) + ")");
        }
        return entries.stream()
                .filter(d -> tag.equals(refName(d)))
                .findFirst()
                .orElseThrow(() -> GateException.input(
                        describe() + ": no image tagged '" + tag + "' in index.json (tags: " + tags(entries) + ")"));
    }

    private static String refName(Descriptor descriptor) {
        return descriptor.annotations() == null
                ? null
                : descriptor.annotations().get(OciLayout.REF_NAME);
    }

    private static String tags(List<Descriptor> entries) {
        List<String> names = entries.stream()
                .map(LayoutSource::refName)
                .filter(Objects::nonNull)
                .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    @Override
    public String describe() {
        return "oci:" + layout.root() + (tag == null ? "" : ":" + tag);
    }

    @Override
    public void close() {}
}
