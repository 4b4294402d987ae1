package dev.gate.scan.version;

/**
 * apk's ordering, as apk-tools 2.x (the apk of Alpine 3.x releases) tokenizes versions:
 * digits, a letter, {@code _suffix[N]} (alpha, beta, pre, rc before the release; cvs, svn, git,
 * hg, p after) and {@code -rN}. Strings apk calls invalid still compare token by token up to the
 * first bad token, as {@code apk version -t} does, so nothing here throws.
 */
public final class AlpineVersion implements VersionOrdering {

    private static final String[] PRE_SUFFIXES = {"alpha", "beta", "pre", "rc"};
    private static final String[] POST_SUFFIXES = {"cvs", "svn", "git", "hg", "p"};

    enum Token {
        INVALID,
        DIGIT_OR_ZERO,
        DIGIT,
        LETTER,
        SUFFIX,
        SUFFIX_NO,
        REVISION_NO,
        END
    }

    /** A cursor over one version string: the kind of the next token and where it starts. */
    private static final class Cursor {
        final String s;
        int pos;
        Token type = Token.DIGIT;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek(int offset) {
            return s.charAt(pos + offset);
        }
    }

    @Override
    public int compare(String a, String b) {
        Cursor left = new Cursor(a.trim());
        Cursor right = new Cursor(b.trim());
        long av = 0;
        long bv = 0;
        while (left.type == right.type && left.type != Token.END && left.type != Token.INVALID && av == bv) {
            av = nextValue(left);
            bv = nextValue(right);
        }
        if (av != bv) {
            return av < bv ? -1 : 1;
        }
        if (left.type == right.type) {
            return 0;
        }
        // Same leading tokens; the longer version is newer unless what follows is a pre-release suffix.
        if (left.type == Token.SUFFIX && isPreSuffixAhead(left)) {
            return -1;
        }
        if (right.type == Token.SUFFIX && isPreSuffixAhead(right)) {
            return 1;
        }
        return left.type.ordinal() > right.type.ordinal() ? -1 : left.type == right.type ? 0 : 1;
    }

    private static boolean isPreSuffixAhead(Cursor c) {
        Cursor copy = new Cursor(c.s);
        copy.pos = c.pos;
        copy.type = c.type;
        return nextValue(copy) < 0;
    }

    @SuppressWarnings("fallthrough") // a digit run that is no leading-zero fraction is read as an ordinary number
    private static long nextValue(Cursor c) {
        if (c.atEnd()) {
            c.type = Token.END;
            return 0;
        }
        long value = 0;
        int i = 0;
        Token forced = null;
        switch (c.type) {
            case DIGIT_OR_ZERO:
                if (c.peek(0) == '0') {
                    // A component with leading zeros sorts as a fraction: 1.02 before 1.1.
                    while (c.pos + i < c.s.length() && c.peek(i) == '0') {
                        i++;
                    }
                    forced = Token.DIGIT;
                    value = -i;
                    break;
                }
            // fall through: an ordinary number
            case DIGIT:
            case SUFFIX_NO:
            case REVISION_NO:
                while (c.pos + i < c.s.length() && Character.isDigit(c.peek(i)) && i < 18) {
                    value = value * 10 + (c.peek(i) - '0');
                    i++;
                }
                break;
            case LETTER:
                value = c.peek(0);
                i = 1;
                break;
            case SUFFIX:
                long suffix = suffixValue(c);
                if (suffix == Long.MIN_VALUE) {
                    c.type = Token.INVALID;
                    return -1;
                }
                value = suffix;
                i = suffixLength(c);
                break;
            default:
                c.type = Token.INVALID;
                return -1;
        }
        c.pos += i;
        if (c.atEnd()) {
            c.type = Token.END;
        } else if (forced != null) {
            c.type = forced;
        } else {
            advanceType(c);
        }
        return value;
    }

    private static long suffixValue(Cursor c) {
        String rest = c.s.substring(c.pos);
        for (int k = 0; k < PRE_SUFFIXES.length; k++) {
            if (rest.startsWith(PRE_SUFFIXES[k])) {
                return k - PRE_SUFFIXES.length;
            }
        }
        for (int k = 0; k < POST_SUFFIXES.length; k++) {
            if (rest.startsWith(POST_SUFFIXES[k])) {
                return k;
            }
        }
        return Long.MIN_VALUE;
    }

    private static int suffixLength(Cursor c) {
        String rest = c.s.substring(c.pos);
        for (String s : PRE_SUFFIXES) {
            if (rest.startsWith(s)) {
                return s.length();
            }
        }
        for (String s : POST_SUFFIXES) {
            if (rest.startsWith(s)) {
                return s.length();
            }
        }
        return 0;
    }

    /** Decides the kind of the token that starts at the cursor, consuming its separator. */
    private static void advanceType(Cursor c) {
        Token previous = c.type;
        Token next = Token.INVALID;
        char ch = c.peek(0);
        if ((previous == Token.DIGIT || previous == Token.DIGIT_OR_ZERO) && Character.isLowerCase(ch)) {
            next = Token.LETTER;
        } else if (previous == Token.LETTER && Character.isDigit(ch)) {
            next = Token.DIGIT;
        } else if (previous == Token.SUFFIX && Character.isDigit(ch)) {
            next = Token.SUFFIX_NO;
        } else {
            if (ch == '.') {
                next = Token.DIGIT_OR_ZERO;
            } else if (ch == '_') {
                next = Token.SUFFIX;
            } else if (ch == '-' && c.pos + 1 < c.s.length() && c.peek(1) == 'r') {
                next = Token.REVISION_NO;
                c.pos++;
            }
            c.pos++;
        }
        if (next.ordinal() < previous.ordinal()
                && !((next == Token.DIGIT_OR_ZERO && previous == Token.DIGIT)
                        || (next == Token.SUFFIX && previous == Token.SUFFIX_NO)
                        || (next == Token.DIGIT && previous == Token.LETTER))) {
            next = Token.INVALID;
        }
        c.type = next;
    }
}
