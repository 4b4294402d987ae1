package dev.gate.policy.builtins.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** One Go fmt directive applied to one argument: flags, width, precision and the verb's rules per type. */
final class GoVerb {
    static final class Spec {
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int precision = -1;

        int parseFlags(String f, int at) {
            int i = at;
            for (; i < f.length(); i++) {
                switch (f.charAt(i)) {
                    case '+' -> plus = true;
                    case '-' -> minus = true;
                    case '#' -> sharp = true;
                    case ' ' -> space = true;
                    case '0' -> zero = true;
                    default -> {
                        return i;
                    }
                }
            }
            return i;
        }

        int parseWidth(String f, int at) {
            int end = digitsEnd(f, at);
            if (end > at) {
                width = Integer.parseInt(f.substring(at, end));
            }
            return end;
        }

        int parsePrecision(String f, int at) {
            int end = digitsEnd(f, at);
            precision = end > at ? Integer.parseInt(f.substring(at, end)) : 0;
            return end;
        }

        private static int digitsEnd(String f, int at) {
            int i = at;
            while (i < f.length() && Character.isDigit(f.charAt(i)) && i - at < 6) {
                i++;
            }
            return i;
        }
    }

    private GoVerb() {}

    static String typeName(Object arg) {
        if (arg instanceof Long) {
            return "int64"; // OPA 1.x hands integers to Go's fmt as int64
        }
        if (arg instanceof BigInteger) {
            return "*big.Int";
        }
        return arg instanceof Double ? "float64" : "string";
    }

    static String format(Spec spec, int verb, Object arg) {
        String body;
        // Go pads an integer's digits with zeros itself (the 0 flag, unless a precision is given) and its width
        // with spaces: %08.3d of 3 is "     003". A rune (%c, %q, %U) pads like a string.
        boolean digits = arg instanceof BigInteger || arg instanceof Long && verb != 'c' && verb != 'q' && verb != 'U';
        if (arg instanceof Long n) {
            body = GoNumbers.integer(spec, verb, BigInteger.valueOf(n), false);
        } else if (arg instanceof BigInteger n) {
            body = GoNumbers.integer(spec, verb == 's' ? 'd' : verb, n, true);
        } else if (arg instanceof Double d) {
            body = GoNumbers.floating(spec, verb, d);
        } else {
            body = string(spec, verb, String.valueOf(arg));
        }
        if (body == null) {
            return badVerb(spec, verb, arg);
        }
        return digits ? pad(spec, body, ' ') : pad(spec, body);
    }

    /** Go prints the value of a bad verb with %v under the same width and precision: %.1f of "abc" is %!f(string=a). */
    private static String badVerb(Spec spec, int verb, Object arg) {
        String name = arg instanceof BigInteger ? "big.Int" : typeName(arg);
        return "%!" + Character.toString(verb) + "(" + name + "=" + format(spec, 'v', arg) + ")";
    }

    private static String string(Spec spec, int verb, String s) {
        String text = s;
        if (spec.precision >= 0 && (verb == 's' || verb == 'v' || verb == 'q')) {
            int runes = Math.min(spec.precision, text.codePointCount(0, text.length()));
            text = text.substring(0, text.offsetByCodePoints(0, runes));
        }
        return switch (verb) {
            case 's', 'v' -> text;
            case 'q' -> GoQuote.quote(text);
            case 'x' -> hex(spec, text, false);
            case 'X' -> hex(spec, text, true);
            default -> null;
        };
    }

    private static String hex(Spec spec, String s, boolean upper) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (spec.precision >= 0 && spec.precision < bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, spec.precision);
        }
        HexFormat hex = upper ? HexFormat.of().withUpperCase() : HexFormat.of();
        String prefix = spec.sharp ? (upper ? "0X" : "0x") : "";
        if (!spec.space) {
            return prefix + hex.formatHex(bytes);
        }
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(out.length() > 0 ? " " : "").append(prefix).append(hex.toHexDigits(b));
        }
        return out.toString();
    }

    /** Width padding, with zeros under the 0 flag (on the left only). */
    static String pad(Spec spec, String body) {
        return pad(spec, body, spec.zero && !spec.minus ? '0' : ' ');
    }

    private static String pad(Spec spec, String body, char fillWith) {
        int length = body.codePointCount(0, body.length());
        if (spec.width <= length) {
            return body;
        }
        String fill = String.valueOf(fillWith).repeat(spec.width - length);
        return spec.minus ? body + fill : fill + body;
    }
}
