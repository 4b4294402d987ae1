package dev.gate.policy.builtins.graphql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The "Did you mean" of OPA's validator: the known names close enough to a mistyped one, nearest first, and the way
 * its messages list them ({@code "a" or "b"}, {@code "a", "b", or "c"}, at most five).
 */
final class Suggestions {
    /** The most names one list shows. */
    private static final int SHOWN = 5;

    private Suggestions() {}

    /**
     * The options within reach of {@code typed}: at most {@code 0.4 * length + 1} edits (insertions, deletions,
     * substitutions; a change of case alone is one edit), nearest first, options equally near in the order given.
     */
    static List<String> near(String typed, Iterable<String> options) {
        int threshold = Math.max((int) Math.floor(utf8Length(typed) * 0.4) + 1, 1);
        record Scored(String option, int distance) {}
        List<Scored> within = new ArrayList<>();
        for (String option : options) {
            int d = distance(typed, option);
            if (d <= threshold) within.add(new Scored(option, d));
        }
        within.sort(Comparator.comparingInt(Scored::distance)); // stable: ties keep their order
        return within.stream().map(Scored::option).toList();
    }

    /** {@code " <prefix> "a", "b", or "c"?"}, or nothing when no option is near {@code typed}. */
    static String didYouMean(String prefix, String typed, Iterable<String> options) {
        List<String> near = near(typed, options);
        return near.isEmpty() ? "" : " " + prefix + " " + quotedOrList(near) + "?";
    }

    /** The names quoted and listed with "or" before the last. */
    static String quotedOrList(List<String> items) {
        return orList(items.stream().map(s -> "\"" + s + "\"").toList());
    }

    /** {@code a or b}; {@code a, b, or c}: the first five items only. */
    static String orList(List<String> items) {
        List<String> shown = items.size() > SHOWN ? items.subList(0, SHOWN) : items;
        if (shown.size() == 2) return shown.get(0) + " or " + shown.get(1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < shown.size(); i++) {
            if (i > 0) out.append(i == shown.size() - 1 ? ", or " : ", ");
            out.append(shown.get(i));
        }
        return out.toString();
    }

    /** Edits from one name to the other, case changes alone counting as one. */
    static int distance(String a, String b) {
        if (a.equals(b)) return 0;
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        if (x.equals(y)) return 1;
        int[] xs = x.codePoints().toArray();
        int[] ys = y.codePoints().toArray();
        int[] row = new int[ys.length + 1];
        for (int j = 0; j <= ys.length; j++) row[j] = j;
        for (int i = 1; i <= xs.length; i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= ys.length; j++) {
                int above = row[j];
                int cost = xs[i - 1] == ys[j - 1] ? 0 : 1;
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
                diagonal = above;
            }
        }
        return row[ys.length];
    }

    /** The length OPA's threshold counts: bytes of UTF-8. */
    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
