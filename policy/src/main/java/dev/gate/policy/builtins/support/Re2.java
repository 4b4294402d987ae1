package dev.gate.policy.builtins.support;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code regexp} package behaviour for the Rego regex builtins.
 *
 * <p>Built on re2j, a maintained Java port of RE2: it accepts exactly RE2's syntax ({@code \z},
 * {@code (?P<name>..)}, {@code \Q..\E}, POSIX and Unicode classes) and refuses what RE2 refuses
 * (backreferences, lookaround), with RE2's leftmost-first semantics and linear-time matching. That
 * beats translating Go syntax onto java.util.regex, whose dialect and backtracking differ. What re2j
 * does not mirror is Go's iteration and template rules, so those are written here.
 */
public final class Re2 {
    private static final int CACHE_SIZE = 256;
    private static final Map<String, Pattern> CACHE = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    private Re2() {}

    /** Compiles (cached); throws {@link IllegalArgumentException} with RE2's complaint on bad syntax. */
    public static Pattern compile(String regex) {
        Pattern cached = CACHE.get(regex);
        if (cached != null) {
            return cached;
        }
        try {
            Pattern compiled = Pattern.compile(regex);
            CACHE.put(regex, compiled);
            return compiled;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "error parsing regexp: " + e.getDescription() + ": `" + e.getPattern() + "`", e);
        }
    }

    public static boolean isValid(String regex) {
        try {
            compile(regex);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Unanchored search, as Go's MatchString. */
    public static boolean matches(String regex, String value) {
        return compile(regex).matcher(value).find();
    }

    /** Go's FindAllString(value, n): n &lt; 0 means all. */
    public static List<String> findN(String regex, String value, int n) {
        List<String> found = new ArrayList<>();
        for (int[] m : allMatches(compile(regex), value, n)) {
            found.add(value.substring(m[0], m[1]));
        }
        return found;
    }

    /** Go's FindAllStringSubmatch(value, n): unmatched groups are empty strings. */
    public static List<List<String>> findAllSubmatchN(String regex, String value, int n) {
        List<List<String>> found = new ArrayList<>();
        for (int[] m : allMatches(compile(regex), value, n)) {
            List<String> groups = new ArrayList<>();
            for (int g = 0; g + 1 < m.length; g += 2) {
                groups.add(m[g] < 0 ? "" : value.substring(m[g], m[g + 1]));
            }
            found.add(groups);
        }
        return found;
    }

    /** Go's Split(value, -1). */
    public static List<String> split(String regex, String value) {
        if (!regex.isEmpty() && value.isEmpty()) {
            return List.of("");
        }
        List<String> parts = new ArrayList<>();
        int begin = 0;
        int end = 0;
        for (int[] m : allMatches(compile(regex), value, -1)) {
            end = m[0];
            if (m[1] != 0) {
                parts.add(value.substring(begin, end));
            }
            begin = m[1];
        }
        if (end != value.length()) {
            parts.add(value.substring(begin));
        }
        return parts;
    }

    /** Go's ReplaceAllString: {@code $1}, {@code ${name}}, {@code $$} in the replacement. */
    public static String replaceAll(String regex, String value, String replacement) {
        Pattern pattern = compile(regex);
        StringBuilder out = new StringBuilder();
        int last = 0;
        for (int[] m : allMatches(pattern, value, -1)) {
            out.append(value, last, m[0]);
            GoTemplate.expand(out, replacement, pattern, value, m);
            last = m[1];
        }
        return out.append(value.substring(last)).toString();
    }

    /**
     * Go's allMatches loop: an empty match right after the previous match is skipped, and the
     * search moves on by one code point after an empty match.
     */
    static List<int[]> allMatches(Pattern pattern, String value, int n) {
        List<int[]> result = new ArrayList<>();
        Matcher matcher = pattern.matcher(value);
        int groups = matcher.groupCount();
        int pos = 0;
        int prevEnd = -1;
        while ((n < 0 || result.size() < n) && pos <= value.length() && matcher.find(pos)) {
            int start = matcher.start();
            int end = matcher.end();
            boolean accept = true;
            if (end == start) {
                accept = start != prevEnd;
                pos = start < value.length() ? value.offsetByCodePoints(start, 1) : start + 1;
            } else {
                pos = end;
            }
            prevEnd = end;
            if (accept) {
                result.add(spans(matcher, groups));
            }
        }
        return result;
    }

    private static int[] spans(Matcher matcher, int groups) {
        int[] m = new int[2 * (groups + 1)];
        for (int g = 0; g <= groups; g++) {
            m[2 * g] = matcher.start(g);
            m[2 * g + 1] = matcher.end(g);
        }
        return m;
    }

    /** Go's regexp.QuoteMeta. */
    public static String quoteMeta(String s) {
        StringBuilder out = new StringBuilder(s.length() * 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
