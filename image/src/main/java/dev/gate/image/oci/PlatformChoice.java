package dev.gate.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.ImageIndex;
import dev.gate.image.MediaTypes;
import dev.gate.image.Platform;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Part of a multi-platform index, as {@code crane copy --platform} and skopeo take it: one platform is its image
 * alone (same digest as in the index); several are a new index of those entries only, in the index's order, each
 * entry's JSON kept as it was. A platform without a variant matches any variant; for each platform asked for, the
 * first entry that matches is taken.
 */
public final class PlatformChoice {

    private PlatformChoice() {}

    /** {@code artifact} narrowed to {@code wanted}; an image, or an empty list, is returned as it is. */
    public static Artifact select(Artifact artifact, List<Platform> wanted) {
        if (wanted.isEmpty() || !(artifact instanceof Artifact.Multi multi)) {
            return artifact;
        }
        ImageIndex index = multi.index();
        Set<Digest> chosen = new LinkedHashSet<>();
        for (Platform platform : wanted) {
            chosen.add(index.manifests().stream()
                    .filter(entry -> matches(entry, platform))
                    .findFirst()
                    .orElseThrow(() ->
                            GateException.input("index " + index.descriptor().digest() + " has no " + platform
                                    + " image (it has " + offered(index) + ")"))
                    .digest());
        }
        List<Descriptor> entries = index.manifests().stream()
                .filter(entry -> chosen.contains(entry.digest()))
                .toList();
        if (entries.size() == 1) {
            Descriptor only = entries.get(0);
            return MediaTypes.isIndex(only.mediaType())
                    ? Artifact.of(index.index(only.digest()))
                    : Artifact.of(index.image(only.digest()));
        }
        return Artifact.of(narrowed(index, chosen));
    }

    private static boolean matches(Descriptor entry, Platform wanted) {
        Platform offered = entry.platform();
        return offered != null
                && wanted.os().equals(offered.os())
                && wanted.architecture().equals(offered.architecture())
                && (wanted.variant() == null || wanted.variant().equals(offered.variant()));
    }

    private static String offered(ImageIndex index) {
        String platforms = index.manifests().stream()
                .filter(entry -> entry.platform() != null)
                .map(entry -> entry.platform().toString())
                .distinct()
                .collect(Collectors.joining(", "));
        return platforms.isEmpty() ? "no platforms" : platforms;
    }

    private static ImageIndex narrowed(ImageIndex index, Set<Digest> chosen) {
        String origin = "index " + index.descriptor().digest();
        ObjectNode root;
        try {
            root = (ObjectNode) Json.MAPPER.readTree(index.rawIndex());
        } catch (IOException | ClassCastException e) {
            throw GateException.input(origin + " is not a JSON object");
        }
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (JsonNode entry : root.path("manifests")) {
            if (chosen.contains(Digest.parse(entry.path("digest").asText()))) {
                kept.add(entry);
            }
        }
        root.set("manifests", kept);
        byte[] raw = root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Descriptor descriptor = Descriptor.of(index.descriptor().mediaType(), Digest.sha256(raw), raw.length);
        return StoredIndex.parse(
                descriptor,
                raw,
                origin + " narrowed to some platforms",
                entry -> index.image(entry.digest()),
                entry -> index.index(entry.digest()));
    }
}
