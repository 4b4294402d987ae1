package dev.gate.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Reference;
import dev.gate.image.oci.Json;
import dev.gate.image.transport.ImageSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code docker-archive:FILE[:REF]}, what {@code docker save} and {@code podman save} write.
 * Archives that carry an OCI layout ({@code index.json} and {@code blobs/}, Docker 25 and later)
 * are read through their own manifests; legacy archives ({@code manifest.json} with
 * {@code <id>/layer.tar}) get a manifest built by {@link LegacyDockerImage}.
 */
public final class DockerArchiveSource implements ImageSource {

    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private final Path file;
    private final String ref;
    private final String shownAs;
    private TarMembers tar;
    private String imageName;

    public DockerArchiveSource(Path file, String ref) {
        this(file, ref, null);
    }

    /** {@code shownAs} names the source in messages when the file is a temporary copy. */
    public DockerArchiveSource(Path file, String ref, String shownAs) {
        this.file = file;
        this.ref = ref;
        this.shownAs = shownAs;
    }

    @Override
    public Artifact resolve() {
        if (tar == null) {
            tar = new TarMembers(file);
        }
        if (tar.has("index.json") && tar.has("oci-layout")) {
            return ArchiveImages.artifact(
                    tar, selectOci(ArchiveImages.readIndexJson(tar).manifests()));
        }
        if (!tar.has("manifest.json")) {
            throw GateException.input(describe() + ": has neither manifest.json nor index.json (not a docker-archive)");
        }
        JsonNode entry = selectLegacy();
        imageName = entry.path("RepoTags").path(0).asText(null);
        return Artifact.of(LegacyDockerImage.build(tar, entry));
    }

    /** The name the archive gives the resolved image (first RepoTag or containerd name), if any. */
    public Optional<String> imageName() {
        return Optional.ofNullable(imageName);
    }

    private Descriptor selectOci(List<Descriptor> entries) {
        if (ref == null) {
            Descriptor only = OciArchiveSource.select(entries, null, describe());
            imageName = only.annotations() == null ? null : only.annotations().get(CONTAINERD_NAME);
            return only;
        }
        String wanted = normalized(ref);
        for (Descriptor d : entries) {
            String name = d.annotations() == null ? null : d.annotations().get(CONTAINERD_NAME);
            if (name != null && wanted.equals(normalized(name)) || ref.equals(OciArchiveSource.refName(d))) {
                imageName = name;
                return d;
            }
        }
        List<String> names = new ArrayList<>();
        entries.forEach(d -> names.add(
                d.annotations() == null
                        ? "(unnamed)"
                        : d.annotations().getOrDefault(CONTAINERD_NAME, String.valueOf(OciArchiveSource.refName(d)))));
        throw GateException.input(
                describe() + ": no image named '" + ref + "' (images: " + String.join(", ", names) + ")");
    }

    private JsonNode selectLegacy() {
        JsonNode manifest = Json.read(tar.readSmall("manifest.json", null), JsonNode.class, file + "!manifest.json");
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw GateException.input(describe() + ": manifest.json is not a non-empty array of images");
        }
        if (ref == null) {
            if (manifest.size() == 1) {
                return manifest.get(0);
            }
            throw GateException.input(describe() + ": holds " + manifest.size() + " images; name one as docker-archive:"
                    + file + ":REF (tags: " + repoTags(manifest) + ")");
        }
        String wanted = normalized(ref);
        for (JsonNode image : manifest) {
            for (JsonNode tag : image.path("RepoTags")) {
                if (wanted.equals(normalized(tag.asText()))) {
                    return image;
                }
            }
        }
        throw GateException.input(describe() + ": no image tagged '" + ref + "' (tags: " + repoTags(manifest) + ")");
    }

    private static String repoTags(JsonNode manifest) {
        List<String> tags = new ArrayList<>();
        manifest.forEach(image -> image.path("RepoTags").forEach(t -> tags.add(t.asText())));
        return tags.isEmpty() ? "none" : String.join(", ", tags);
    }

    private static String normalized(String reference) {
        try {
            return Reference.parse(reference).toString();
        } catch (GateException notAReference) {
            return reference;
        }
    }

    @Override
    public String describe() {
        return shownAs != null ? shownAs : "docker-archive:" + file + (ref == null ? "" : ":" + ref);
    }

    @Override
    public void close() {
        if (tar != null) {
            tar.close();
            tar = null;
        }
    }
}
