package dev.gate.sbom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A package URL (github.com/package-url/purl-spec) written the way syft and trivy write them, so
 * scanners that key on purls match gate's SBOMs: qualifiers sorted, '@' of an npm scope encoded. The one
 * parser of purls too, for the SBOMs gate writes and those it reads from other tools.
 */
public record Purl(String type, String namespace, String name, String version, SortedMap<String, String> qualifiers) {

    public Purl {
        if (type == null || !type.matches("[a-z][a-z0-9.+-]*")) {
            throw new IllegalArgumentException("purl type is missing or invalid: " + type);
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("purl of type " + type + " has no name");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        if (qualifiers != null) {
            qualifiers.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    copy.put(k.toLowerCase(), v);
                }
            });
        }
        qualifiers = java.util.Collections.unmodifiableSortedMap(copy);
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
        version = version == null || version.isEmpty() ? null : version;
    }

    public static Purl of(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
        return new Purl(type, namespace, name, version, qualifiers == null ? null : new TreeMap<>(qualifiers));
    }

    /**
     * As the specification reads a purl: slashes after {@code pkg:} and around the path are ignored, the version
     * starts at the last {@code @} after the last {@code /} (an npm scope's {@code @} is in the namespace), every
     * part is percent-decoded. Anything else is an {@link IllegalArgumentException}.
     */
    public static Purl parse(String text) {
        if (text == null || !text.startsWith("pkg:")) {
            throw new IllegalArgumentException("not a package URL: " + text);
        }
        String rest = text.substring(4).replaceFirst("^/+", "");
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        TreeMap<String, String> qualifiers = new TreeMap<>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    qualifiers.put(pair.substring(0, eq).toLowerCase(), decode(pair.substring(eq + 1)));
                }
            }
            rest = rest.substring(0, question);
        }
        String version = null;
        int at = rest.lastIndexOf('@');
        if (at > rest.lastIndexOf('/')) {
            version = decode(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("package URL has no name: " + text);
        }
        String type = rest.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
        String path = rest.substring(slash + 1).replaceAll("^/+|/+$", "");
        int last = path.lastIndexOf('/');
        String name = decode(path.substring(last + 1));
        String namespace = last < 0 ? null : decodeSegments(path.substring(0, last));
        return new Purl(type, namespace, name, version, qualifiers);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("pkg:").append(type).append('/');
        if (namespace != null) {
            for (String segment : namespace.split("/")) {
                out.append(encode(segment, "")).append('/');
            }
        }
        out.append(encode(name, ""));
        if (version != null) {
            out.append('@').append(encode(version, ":+"));
        }
        String sep = "?";
        for (Map.Entry<String, String> q : qualifiers.entrySet()) {
            out.append(sep).append(q.getKey()).append('=').append(encode(q.getValue(), ":/+"));
            sep = "&";
        }
        return out.toString();
    }

    private static String encode(String value, String alsoKeep) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            if (unreserved || (c < 0x80 && alsoKeep.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String decodeSegments(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                out.append(out.length() == 0 ? "" : "/").append(decode(segment));
            }
        }
        return out.toString();
    }

    private static String decode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()
                        || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("package URL has a malformed percent escape: " + value);
                }
                out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
