package dev.gate.policy.builtins.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Globs with the semantics of gobwas/glob, which OPA's {@code glob.match} uses: {@code *} stops at a
 * delimiter, {@code **} does not, {@code ?} is one non-delimiter character, {@code [a-z]},
 * {@code [!abc]}, {@code {a,b}} alternatives (nestable) and {@code \} escapes. Compiled to a
 * java.util.regex pattern; the translation only emits constructs both dialects share.
 */
public final class Glob {
    private static final String SPECIALS = "*?\\[]{}";
    /** Bounded: policies may build globs from input data. */
    private static final Map<String, Pattern> CACHE = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > 256;
        }
    });

    private final String glob;
    private final String notDelimiter;
    private final StringBuilder regex = new StringBuilder();
    private int pos;

    private Glob(String glob, List<String> delimiters) {
        this.glob = glob;
        if (delimiters.isEmpty()) {
            this.notDelimiter = ".";
        } else {
            StringBuilder cls = new StringBuilder("[^");
            delimiters.forEach(d -> d.codePoints().forEach(cp -> appendLiteral(cls, cp)));
            this.notDelimiter = cls.append(']').toString();
        }
    }

    /**
     * Whether value matches. {@code delimiters} null means none; OPA's caller maps an empty array to
     * the default ["."] before calling.
     */
    public static boolean matches(String glob, List<String> delimiters, String value) {
        List<String> delims = delimiters == null ? List.of() : delimiters;
        String key = String.join("\u0000", delims) + "\u0001" + glob;
        Pattern pattern = CACHE.get(key);
        if (pattern == null) {
            pattern = compile(glob, delims);
            CACHE.put(key, pattern);
        }
        return pattern.matcher(value).matches();
    }

    /** The pattern of {@code glob}; an {@link IllegalArgumentException} says what is wrong with a malformed one. */
    public static Pattern compile(String glob, List<String> delimiters) {
        Glob compiler = new Glob(glob, delimiters);
        compiler.sequence(false);
        if (compiler.pos < glob.length()) {
            throw new IllegalArgumentException("unexpected '" + glob.charAt(compiler.pos) + "' in glob " + glob);
        }
        return Pattern.compile(compiler.regex.toString(), Pattern.DOTALL);
    }

    /** gobwas QuoteMeta: escape every glob special character. */
    public static String quoteMeta(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 128 && SPECIALS.indexOf(cp) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }

    /** Parses until the end, or inside braces until ',' or '}'. */
    private void sequence(boolean inTerms) {
        while (pos < glob.length()) {
            int cp = glob.codePointAt(pos);
            if (inTerms && (cp == ',' || cp == '}')) {
                return;
            }
            pos += Character.charCount(cp);
            switch (cp) {
                case '*' -> star();
                case '?' -> regex.append(notDelimiter);
                case '[' -> charClass();
                case '{' -> terms();
                case '\\' -> escaped();
                default -> appendLiteral(regex, cp);
            }
        }
    }

    private void star() {
        if (pos < glob.length() && glob.charAt(pos) == '*') {
            pos++;
            regex.append(".*");
        } else {
            regex.append(notDelimiter).append('*');
        }
    }

    private void escaped() {
        if (pos >= glob.length()) {
            throw new IllegalArgumentException("unexpected end of glob after escape: " + glob);
        }
        int cp = glob.codePointAt(pos);
        pos += Character.charCount(cp);
        appendLiteral(regex, cp);
    }

    private void terms() {
        regex.append("(?:");
        while (true) {
            sequence(true);
            if (pos >= glob.length()) {
                throw new IllegalArgumentException("unclosed '{' in glob " + glob);
            }
            char c = glob.charAt(pos++);
            if (c == '}') {
                regex.append(')');
                return;
            }
            regex.append('|');
        }
    }

    private void charClass() {
        int close = glob.indexOf(']', pos);
        if (close < 0) {
            throw new IllegalArgumentException("unclosed '[' in glob " + glob);
        }
        String body = glob.substring(pos, close);
        pos = close + 1;
        boolean negated = body.startsWith("!");
        if (negated) {
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty character class in glob " + glob);
        }
        regex.append(negated ? "[^" : "[");
        int[] cps = body.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            appendLiteral(regex, cps[i]);
            if (i + 2 < cps.length && cps[i + 1] == '-') {
                regex.append('-');
                appendLiteral(regex, cps[i + 2]);
                i += 2;
            }
        }
        regex.append(']');
    }

    private static void appendLiteral(StringBuilder out, int cp) {
        if (cp < 128 && !Character.isLetterOrDigit(cp)) {
            out.append('\\');
        }
        out.appendCodePoint(cp);
    }
}
