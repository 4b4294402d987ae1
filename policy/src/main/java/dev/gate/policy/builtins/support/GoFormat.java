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
    private GoFormat() {
    }

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
            } else if (argIndex >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                out.append(GoVerb.format(spec, verb, args.get(argIndex++)));
            }
        }
        appendExtra(out, args, argIndex);
        return out.toString();
    }

    private static int starArgument(List<?> args, int index, StringBuilder out) {
        if (index < args.size() && args.get(index) instanceof Long n) {
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
