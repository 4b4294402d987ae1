package dev.gate.policy.builtins.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's strings package as the Rego string builtins use it. Indexes and lengths count Unicode code
 * points (Go runes), never UTF-16 units, so "🍧🍨" has length 2; case mapping is per code point, as
 * Go's simple mapping ("ß" stays "ß" where Java's toUpperCase would give "SS").
 */
public final class GoStrings {
    private GoStrings() {}

    public static int runeCount(String s) {
        return s.codePointCount(0, s.length());
    }

    /** indexof: the rune index of the first occurrence, -1 when absent, 0 for an empty needle. */
    public static int indexOf(String s, String sub) {
        int at = s.indexOf(sub);
        return at < 0 ? -1 : s.codePointCount(0, at);
    }

    /** indexof_n: rune indexes of every occurrence, overlapping ones included. */
    public static List<Integer> indexOfAll(String s, String sub) {
        List<Integer> found = new ArrayList<>();
        int at = s.indexOf(sub);
        while (at >= 0) {
            found.add(s.codePointCount(0, at));
            if (at >= s.length()) {
                break;
            }
            at = s.indexOf(sub, s.offsetByCodePoints(at, 1));
        }
        return found;
    }

    /** substring: offset must not be negative; a negative length means "to the end". */
    public static String substring(String s, long offset, long length) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset");
        }
        int runes = runeCount(s);
        if (offset >= runes) {
            return "";
        }
        long end = length < 0 ? runes : Math.min(runes, offset + length);
        return s.substring(s.offsetByCodePoints(0, (int) offset), s.offsetByCodePoints(0, (int) end));
    }

    /** strings.Count: non-overlapping; an empty needle counts rune boundaries. */
    public static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return runeCount(s) + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    /** strings.Split: an empty separator splits into runes. */
    public static List<String> split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(Character.toString(cp)));
            return parts;
        }
        int start = 0;
        for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, start)) {
            parts.add(s.substring(start, at));
            start = at + sep.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** strings.ReplaceAll: an empty old string inserts the new one at every UTF-8 byte boundary ({@link #replaceEach}). */
    public static String replaceAll(String s, String old, String replacement) {
        return old.isEmpty() ? replaceEach(s, List.of(Map.entry(old, replacement))) : s.replace(old, replacement);
    }

    /**
     * strings.NewReplacer(pairs...).Replace: left to right without overlaps; where several old
     * strings match at one position the earliest pair wins (OPA passes pairs in key order).
     */
    public static String replaceEach(String s, List<Map.Entry<String, String>> pairs) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        // As Go's strings.Replacer: an empty key matches at every byte boundary and at the end, but not twice in a row.
        // Inside a character of several UTF-8 bytes that splits it; each byte alone is no UTF-8 and reads as U+FFFD,
        // as OPA prints such a string (replace("é", "", "_") is "_\uFFFD_\uFFFD_").
        String insideCharacters = pairs.stream()
                .filter(pair -> pair.getKey().isEmpty())
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
        boolean emptyMatchedHere = false;
        while (i <= s.length()) {
            Map.Entry<String, String> match = null;
            for (Map.Entry<String, String> pair : pairs) {
                String key = pair.getKey();
                if (key.isEmpty() ? !emptyMatchedHere : s.startsWith(key, i)) {
                    match = pair;
                    break;
                }
            }
            if (match != null) {
                out.append(match.getValue());
                i += match.getKey().length();
                emptyMatchedHere = match.getKey().isEmpty();
                continue;
            }
            emptyMatchedHere = false;
            if (i == s.length()) break;
            int cp = s.codePointAt(i);
            if (cp < 0x80 || insideCharacters.isEmpty()) {
                out.appendCodePoint(cp);
            } else {
                int bytes = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                for (int b = 0; b < bytes; b++) {
                    out.append(b == 0 ? "" : insideCharacters).append('\uFFFD');
                }
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    public static String reverse(String s) {
        return new StringBuilder(s).reverse().toString(); // StringBuilder keeps surrogate pairs together
    }

    public static String upper(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.toUpperCase(cp)));
        return out.toString();
    }

    public static String lower(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
        return out.toString();
    }

    /** strings.Trim: drop leading and trailing runes that appear in the cutset. */
    public static String trim(String s, String cutset) {
        return trimRight(trimLeft(s, cutset), cutset);
    }

    public static String trimLeft(String s, String cutset) {
        int i = 0;
        while (i < s.length() && cutset.indexOf(s.codePointAt(i)) >= 0) {
            i += Character.charCount(s.codePointAt(i));
        }
        return s.substring(i);
    }

    public static String trimRight(String s, String cutset) {
        int end = s.length();
        while (end > 0 && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(0, end);
    }

    public static String trimPrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    public static String trimSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    /** strings.TrimSpace with Go's unicode.IsSpace. */
    public static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    static boolean isSpace(int cp) {
        return cp == '\t'
                || cp == '\n'
                || cp == 0x0B
                || cp == '\f'
                || cp == '\r'
                || cp == ' '
                || cp == 0x85
                || cp == 0xA0
                || Character.getType(cp) == Character.SPACE_SEPARATOR
                || cp == 0x2028
                || cp == 0x2029;
    }
}
