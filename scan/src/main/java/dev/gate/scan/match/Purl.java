package dev.gate.scan.match;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A package URL ({@code pkg:type/namespace/name@version?qualifiers#subpath}) split into its parts
 * with percent-decoding, as the purl specification describes. Only what matching needs.
 */
public record Purl(String type, String namespace, String name, String version, Map<String, String> qualifiers) {

    public Purl {
        qualifiers = Map.copyOf(qualifiers);
    }

    public static Purl parse(String text) {
        if (text == null || !text.startsWith("pkg:")) {
            throw new IllegalArgumentException("not a package URL: " + text);
        }
        String rest = text.substring(4).replaceFirst("^/+", "");
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        Map<String, String> qualifiers = new HashMap<>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    qualifiers.put(pair.substring(0, eq).toLowerCase(Locale.ROOT), decode(pair.substring(eq + 1)));
                }
            }
            rest = rest.substring(0, question);
        }
        String version = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            version = decode(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String[] segments = rest.split("/");
        if (segments.length < 2 || segments[0].isEmpty() || segments[segments.length - 1].isEmpty()) {
            throw new IllegalArgumentException("package URL needs a type and a name: " + text);
        }
        String type = segments[0].toLowerCase(Locale.ROOT);
        String name = decode(segments[segments.length - 1]);
        String namespace = segments.length > 2
                ? String.join("/", Arrays.stream(segments, 1, segments.length - 1).map(Purl::decode).toList())
                : null;
        return new Purl(type, namespace, name, version, qualifiers);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
