package dev.gate.image.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OCI indexes and manifests with Jackson's streaming parser. These small documents are read on every
 * push; building Jackson's object mapper and its record deserializers would cost a cold JVM about 50 ms, more
 * than the push of a small image takes. Unknown fields are skipped, as the OCI spec asks of readers.
 */
final class OciReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonParser parser;

    private OciReader(JsonParser parser) {
        this.parser = parser;
    }

    static OciIndex index(byte[] raw, String origin) {
        Document d = document(raw, origin, true);
        return new OciIndex(d.schemaVersion, d.mediaType, d.artifactType, d.manifests, d.subject, d.annotations);
    }

    static OciManifest manifest(byte[] raw, String origin) {
        Document d = document(raw, origin, false);
        return new OciManifest(
                d.schemaVersion, d.mediaType, d.artifactType, d.config, d.layers, d.subject, d.annotations);
    }

    /** What a document says it is: its own {@code mediaType} field, and whether it lists manifests, config or layers. */
    record Shape(String mediaType, boolean listsManifests, boolean listsImageParts) {}

    static Shape shape(byte[] raw, String origin) {
        Document d = document(raw, origin, true);
        return new Shape(d.mediaType, d.listsManifests, d.listsImageParts);
    }

    /** The fields of an index or a manifest: they share all but what they list. */
    private static final class Document {
        boolean listsManifests;
        boolean listsImageParts;
        int schemaVersion;
        String mediaType;
        String artifactType;
        List<Descriptor> manifests;
        Descriptor config;
        List<Descriptor> layers;
        Descriptor subject;
        Map<String, String> annotations;
    }

    private static Document document(byte[] raw, String origin, boolean index) {
        try (JsonParser parser = FACTORY.createParser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw GateException.input("expected a JSON object");
            }
            return new OciReader(parser).document(index);
        } catch (JsonProcessingException e) {
            throw Json.invalid(origin, e.getOriginalMessage());
        } catch (IOException e) {
            throw Json.invalid(origin, e.getMessage());
        } catch (GateException e) {
            throw Json.invalid(origin, e.getMessage());
        }
    }

    private Document document(boolean index) throws IOException {
        Document d = new Document();
        while (nextField()) {
            switch (parser.currentName()) {
                case "schemaVersion" -> d.schemaVersion = integer("schemaVersion");
                case "mediaType" -> d.mediaType = string("mediaType");
                case "artifactType" -> d.artifactType = string("artifactType");
                case "manifests" -> {
                    d.listsManifests |= present();
                    d.manifests = index ? descriptors("manifests") : skip();
                }
                case "config" -> {
                    d.listsImageParts |= present();
                    d.config = index ? skip() : descriptor("config");
                }
                case "layers" -> {
                    d.listsImageParts |= present();
                    d.layers = index ? skip() : descriptors("layers");
                }
                case "subject" -> d.subject = descriptor("subject");
                case "annotations" -> d.annotations = strings("annotations");
                default -> parser.skipChildren();
            }
        }
        // Readers that go by the lists present would see an index where gate sees an image, or the reverse.
        if (d.listsManifests && d.listsImageParts) {
            throw GateException.input("document is both a manifest and an index (it has manifests and config/layers)");
        }
        return d;
    }

    /** Whether the current value is anything but JSON null, which the reader takes as an absent field. */
    private boolean present() {
        return parser.currentToken() != JsonToken.VALUE_NULL;
    }

    /** Skips the current value; null for the field it stood in. */
    private <T> T skip() throws IOException {
        parser.skipChildren();
        return null;
    }

    /** The descriptor at the current token, or null for JSON null. */
    private Descriptor descriptor(String field) throws IOException {
        if (!startObject(field)) {
            return null;
        }
        String mediaType = null;
        Digest digest = null;
        long size = 0;
        List<String> urls = null;
        Map<String, String> annotations = null;
        Platform platform = null;
        String artifactType = null;
        while (nextField()) {
            switch (parser.currentName()) {
                case "mediaType" -> mediaType = string("mediaType");
                case "digest" -> {
                    String text = string("digest");
                    digest = text == null ? null : Digest.parse(text);
                }
                case "size" -> size = number("size");
                case "urls" -> urls = stringList("urls");
                case "annotations" -> annotations = strings("annotations");
                case "platform" -> platform = platform();
                case "artifactType" -> artifactType = string("artifactType");
                default -> parser.skipChildren();
            }
        }
        return new Descriptor(mediaType, digest, size, urls, annotations, platform, artifactType);
    }

    private List<Descriptor> descriptors(String field) throws IOException {
        if (!startArray(field)) {
            return null;
        }
        List<Descriptor> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            Descriptor descriptor = descriptor(field + "[" + list.size() + "]");
            if (descriptor == null) {
                throw GateException.input(field + "[" + list.size() + "] is null");
            }
            list.add(descriptor);
        }
        return list;
    }

    private Platform platform() throws IOException {
        if (!startObject("platform")) {
            return null;
        }
        String architecture = null;
        String os = null;
        String osVersion = null;
        List<String> osFeatures = null;
        String variant = null;
        while (nextField()) {
            switch (parser.currentName()) {
                case "architecture" -> architecture = string("platform.architecture");
                case "os" -> os = string("platform.os");
                case "os.version" -> osVersion = string("platform.os.version");
                case "os.features" -> osFeatures = stringList("platform.os.features");
                case "variant" -> variant = string("platform.variant");
                default -> parser.skipChildren();
            }
        }
        return new Platform(architecture, os, osVersion, osFeatures, variant);
    }

    /** A JSON object of strings, such as annotations. */
    private Map<String, String> strings(String field) throws IOException {
        if (!startObject(field)) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        while (nextField()) {
            String key = parser.currentName();
            map.put(key, string(field + "." + key));
        }
        return map;
    }

    private List<String> stringList(String field) throws IOException {
        if (!startArray(field)) {
            return null;
        }
        List<String> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(string(field + "[" + list.size() + "]"));
        }
        return list;
    }

    /** Moves to the next field's value; false at the end of the object. */
    private boolean nextField() throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        parser.nextToken();
        return true;
    }

    private boolean startObject(String field) throws IOException {
        return start(field, JsonToken.START_OBJECT, "an object");
    }

    private boolean startArray(String field) throws IOException {
        return start(field, JsonToken.START_ARRAY, "an array");
    }

    private boolean start(String field, JsonToken expected, String what) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != expected) {
            throw GateException.input(field + " must be " + what);
        }
        return true;
    }

    private String string(String field) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw GateException.input(field + " must be a string");
        }
        try {
            return parser.getText();
        } catch (IOException e) {
            throw GateException.input(field + ": " + e.getMessage());
        }
    }

    private long number(String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw GateException.input(field + " must be an integer");
        }
        return parser.getLongValue();
    }

    private int integer(String field) throws IOException {
        long value = number(field);
        if (value != (int) value) {
            throw GateException.input(field + " is out of range: " + value);
        }
        return (int) value;
    }
}
