package dev.gate.sbom.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Key: value" paragraph formats shared by dpkg status files, Python METADATA and apk's
 * installed db (with ':' right after a one-letter key). Continuation lines start with whitespace.
 */
final class KeyValueFile {

    private KeyValueFile() {}

    /** Paragraphs separated by blank lines; a repeated key keeps its first value. */
    static List<Map<String, String>> paragraphs(String text) {
        List<Map<String, String>> result = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    result.add(current);
                    current = new LinkedHashMap<>();
                }
                lastKey = null;
            } else if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastKey != null) {
                current.merge(lastKey, "\n" + line.strip(), String::concat);
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("line without a key: " + abbreviate(line));
                }
                lastKey = line.substring(0, colon).strip();
                current.putIfAbsent(lastKey, line.substring(colon + 1).strip());
            }
        }
        if (!current.isEmpty()) {
            result.add(current);
        }
        return result;
    }

    /** The header block only (up to the first blank line), with every value of a repeated key. */
    static Map<String, List<String>> header(String text) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastKey != null) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line without a key: " + abbreviate(line));
            }
            lastKey = line.substring(0, colon).strip();
            result.computeIfAbsent(lastKey, k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return result;
    }

    static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
