package dev.gate.pipeline.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Layer;
import dev.gate.pipeline.analysis.ImageConfig;
import dev.gate.pipeline.analysis.PlatformImage;
import java.util.List;

/**
 * {@code input.image}: the destination's name and what the manifest and config say. Only the
 * config blob is read, never a layer, so {@code gate verify} can rebuild it from a registry cheaply.
 */
public final class ImageSection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageSection() {}

    /** {@code images}: the platform images of the artifact, the first one's config describing them all. */
    public static ObjectNode of(ImageName name, Artifact artifact, List<PlatformImage> images) {
        return named(name, described(artifact, images));
    }

    /**
     * The section for {@code name} from what {@link #described} read: an image with many names (tags) is read once and
     * named for each.
     */
    public static ObjectNode named(ImageName name, ObjectNode described) {
        ObjectNode image = JSON.createObjectNode();
        image.put("ref", name.ref());
        image.put("registry", name.registry());
        image.put("repository", name.repository());
        image.put("namespace", name.namespace());
        image.put("name", name.name());
        if (name.tag() == null) {
            image.putNull("tag");
        } else {
            image.put("tag", name.tag());
        }
        image.setAll(described);
        return image;
    }

    /** The part of the section that does not depend on the image's name: what the manifest and config say. */
    public static ObjectNode described(Artifact artifact, List<PlatformImage> images) {
        ObjectNode image = JSON.createObjectNode();
        image.put("digest", artifact.descriptor().digest().toString());
        image.put("mediaType", artifact.descriptor().mediaType());
        ArrayNode platforms = image.putArray("platforms");
        images.forEach(p -> platforms.add(p.platform()));
        JsonNode config = images.isEmpty()
                ? JSON.createObjectNode()
                : ImageConfig.read(images.get(0).image());
        image.set("config", config(config));
        ArrayNode layers = image.putArray("layers");
        long size = 0;
        for (PlatformImage p : images) {
            size += p.image().config().descriptor().size();
            for (Layer layer : p.image().layers()) {
                Descriptor d = layer.descriptor();
                layers.addObject()
                        .put("digest", d.digest().toString())
                        .put("size", d.size())
                        .put("mediaType", d.mediaType());
                size += d.size();
            }
        }
        image.put("size", size);
        return image;
    }

    private static ObjectNode config(JsonNode raw) {
        JsonNode c = raw.path("config");
        ObjectNode config = JSON.createObjectNode();
        config.put("user", c.path("User").asText(""));
        ObjectNode labels = config.putObject("labels");
        c.path("Labels")
                .fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        config.set("env", strings(c.path("Env")));
        config.set("entrypoint", strings(c.path("Entrypoint")));
        config.set("cmd", strings(c.path("Cmd")));
        ArrayNode ports = config.putArray("exposedPorts");
        c.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        config.put("workingDir", c.path("WorkingDir").asText(""));
        if (raw.hasNonNull("created")) {
            config.put("created", raw.get("created").asText());
        } else {
            config.putNull("created");
        }
        ArrayNode history = config.putArray("history");
        for (JsonNode h : raw.path("history")) {
            ObjectNode entry = history.addObject();
            entry.put("created", h.path("created").asText(""));
            entry.put("createdBy", h.path("created_by").asText(""));
            entry.put("comment", h.path("comment").asText(""));
            entry.put("emptyLayer", h.path("empty_layer").asBoolean(false));
        }
        return config;
    }

    private static ArrayNode strings(JsonNode array) {
        ArrayNode out = JSON.createArrayNode();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
