package dev.gate.policy.builtins.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Go's fmt.Sprintf over the four argument kinds OPA's {@code sprintf} hands it: an int
 * ({@link Long}), a big integer ({@link BigInteger}), a float64 ({@link Double}) or a string.
 * OPA turns every other Rego value into its Rego text first, so {@code %v} of an array prints
 * {@code ["a", 1]} and {@code %d} of a boolean prints Go's {@code %!d(string=true)}.
 */
public final class GoFormat {
    private GoFormat() {}

    /** OPA's conversion of a number: int64 if it is one, else a big integer, else float64, else its text. */
    public static Object numberArgument(String literal) {
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException notLong) {
            if (literal.matches("-?\\d+")) {
                return new BigInteger(literal);
            }
        }
        try {
            double d = new BigDecimal(literal).doubleValue();
            return Double.isInfinite(d) ? literal : (Object) d;
        } catch (NumberFormatException e) {
            return literal;
        }
    }

    public static String sprintf(String format, List<?> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        boolean reordered = false;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            GoVerb.Spec spec = new GoVerb.Spec();
            i = spec.parseFlags(format, i + 1);
            int[] explicit = argumentIndex(format, i, args.size());
            if (explicit != null) {
                reordered = true;
                argIndex = explicit[0];
                i = explicit[1];
            }
            if (i < format.length() && format.charAt(i) == '*') {
                spec.width = starArgument(args, argIndex++, out);
                i++;
            } else {
                i = spec.parseWidth(format, i);
            }
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                if (i < format.length() && format.charAt(i) == '*') {
                    spec.precision = Math.max(0, starArgument(args, argIndex++, out));
                    i++;
                } else {
                    i = spec.parsePrecision(format, i);
                }
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
            } else if (argIndex < 0) {
                out.append("%!").appendCodePoint(verb).append("(BADINDEX)");
                argIndex = args.size();
            } else if (verb == 'T' && argIndex < args.size()) {
                out.append(GoVerb.pad(spec, GoVerb.typeName(args.get(argIndex++))));
            } else if (argIndex >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                out.append(GoVerb.format(spec, verb, args.get(argIndex++)));
            }
        }
        if (!reordered) {
            appendExtra(out, args, argIndex);
        }
        return out.toString();
    }

    /** Go's explicit argument index "[n]" (1-based): {zero-based index or -1 if bad, position after it}. */
    private static int[] argumentIndex(String format, int at, int argCount) {
        if (at >= format.length() || format.charAt(at) != '[') {
            return null;
        }
        int close = format.indexOf(']', at);
        if (close < 0) {
            return new int[] {-1, format.length()};
        }
        String digits = format.substring(at + 1, close);
        int n = digits.matches("\\d{1,6}") ? Integer.parseInt(digits) : 0;
        return new int[] {n >= 1 && n <= argCount ? n - 1 : -1, close + 1};
    }

    private static int starArgument(List<?> args, int index, StringBuilder out) {
        // Go refuses a width or precision beyond a million (fmt's tooLarge), which also keeps the output bounded.
        if (index < args.size() && args.get(index) instanceof Long n && Math.abs(n) <= 1_000_000) {
            return n.intValue();
        }
        out.append("%!(BADWIDTH)");
        return -1;
    }

    private static void appendExtra(StringBuilder out, List<?> args, int used) {
        if (used >= args.size()) {
            return;
        }
        out.append("%!(EXTRA ");
        for (int i = used; i < args.size(); i++) {
            if (i > used) {
                out.append(", ");
            }
            Object arg = args.get(i);
            out.append(GoVerb.typeName(arg)).append('=').append(GoVerb.format(new GoVerb.Spec(), 'v', arg));
        }
        out.append(')');
    }
}
