package dev.gate.policy.builtins.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code regex.globs_match}: whether two restricted patterns share a non-empty match. Only
 * {@code .}, {@code [a-z]} sets, {@code \} escapes and the {@code *} / {@code +} repeats are
 * special; everything else is literal. Decided by a search over pairs of pattern positions.
 */
public final class GlobIntersection {
    /** One pattern position: a character class, and how often it may repeat. */
    private record Token(List<int[]> ranges, boolean any, char repeat) {
        boolean overlaps(Token other) {
            if (any || other.any) {
                return true;
            }
            for (int[] a : ranges) {
                for (int[] b : other.ranges) {
                    if (a[0] <= b[1] && b[0] <= a[1]) {
                        return true;
                    }
                }
            }
            return false;
        }

        boolean optional() {
            return repeat == '*';
        }
    }

    private GlobIntersection() {}

    public static boolean intersects(String a, String b) {
        List<Token> left = parse(a);
        List<Token> right = parse(b);
        Deque<int[]> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        visit(queue, seen, 0, 0, false, left, right);
        while (!queue.isEmpty()) {
            int[] s = queue.poll();
            int i = s[0];
            int j = s[1];
            boolean consumed = s[2] == 1;
            if (i == left.size() && j == right.size() && consumed) {
                return true;
            }
            if (i < left.size() && j < right.size() && left.get(i).overlaps(right.get(j))) {
                // consume one shared character: a repeating token may stay, every token may move on
                for (int ni : next(left, i)) {
                    for (int nj : next(right, j)) {
                        visit(queue, seen, ni, nj, true, left, right);
                    }
                }
            }
        }
        return false;
    }

    /** Positions after consuming one character at i: i+1, and i itself when it repeats. */
    private static int[] next(List<Token> tokens, int i) {
        return tokens.get(i).repeat() == 0 ? new int[] {i + 1} : new int[] {i, i + 1};
    }

    /** Adds a state and, through optional (*) tokens, every state reachable without consuming. */
    private static void visit(
            Deque<int[]> queue, Set<Long> seen, int i, int j, boolean consumed, List<Token> left, List<Token> right) {
        long key = ((long) i << 32 | j) << 1 | (consumed ? 1 : 0);
        if (!seen.add(key)) {
            return;
        }
        queue.add(new int[] {i, j, consumed ? 1 : 0});
        if (i < left.size() && left.get(i).optional()) {
            visit(queue, seen, i + 1, j, consumed, left, right);
        }
        if (j < right.size() && right.get(j).optional()) {
            visit(queue, seen, i, j + 1, consumed, left, right);
        }
    }

    static List<Token> parse(String pattern) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            Token token;
            if (c == '*' || c == '+') {
                if (tokens.isEmpty() || tokens.get(tokens.size() - 1).repeat() != 0) {
                    throw invalid(pattern, i, "'" + c + "' with no preceding token");
                }
                Token last = tokens.remove(tokens.size() - 1);
                tokens.add(new Token(last.ranges(), last.any(), c));
                i++;
                continue;
            } else if (c == ']') {
                throw invalid(pattern, i, "set-close ']' with no preceding '['");
            } else if (c == '.') {
                token = new Token(List.of(), true, (char) 0);
                i++;
            } else if (c == '[') {
                int close = setEnd(pattern, i);
                token = new Token(setRanges(pattern.substring(i + 1, close)), false, (char) 0);
                i = close + 1;
            } else {
                if (c == '\\') {
                    if (++i >= pattern.length()) {
                        throw invalid(pattern, i - 1, "escape '\\' at the end");
                    }
                }
                int cp = pattern.codePointAt(i);
                token = new Token(List.<int[]>of(new int[] {cp, cp}), false, (char) 0);
                i += Character.charCount(cp);
            }
            tokens.add(token);
        }
        return tokens;
    }

    private static int setEnd(String pattern, int open) {
        for (int i = open + 1; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        throw invalid(pattern, open, "set-open '[' with no closing ']'");
    }

    private static List<int[]> setRanges(String body) {
        List<Integer> chars = new ArrayList<>();
        List<Boolean> dash = new ArrayList<>();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean escaped = c == '\\' && i + 1 < body.length();
            chars.add((int) (escaped ? body.charAt(++i) : c));
            dash.add(!escaped && c == '-');
        }
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < chars.size(); i++) {
            if (i + 2 < chars.size() && dash.get(i + 1)) {
                ranges.add(new int[] {chars.get(i), chars.get(i + 2)});
                i += 2;
            } else {
                ranges.add(new int[] {chars.get(i), chars.get(i)});
            }
        }
        return ranges;
    }

    private static IllegalArgumentException invalid(String pattern, int index, String why) {
        return new IllegalArgumentException(
                "input:" + pattern + ", pos:" + (index + 1) + ", " + why + ": the input provided is invalid");
    }
}
