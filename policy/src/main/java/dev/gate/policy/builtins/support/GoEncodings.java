package dev.gate.policy.builtins.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Go's encoders as OPA's encoding builtins use them. Java differs in the details that matter:
 * its base64 decoder accepts missing padding where Go's StdEncoding refuses it, and URLEncoder
 * escapes '~' but not '*', the reverse of url.QueryEscape.
 */
public final class GoEncodings {
    private GoEncodings() {}

    public static String base64Encode(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    /** StdEncoding: padding required; Go skips CR and LF inside the data. */
    public static byte[] base64Decode(String text) {
        String s = withoutLineBreaks(text);
        if (s.length() % 4 != 0) {
            throw new IllegalArgumentException("illegal base64 data at input byte " + (s.length() / 4 * 4));
        }
        return decode(Base64.getDecoder(), s);
    }

    public static String base64UrlEncode(String s) {
        return Base64.getUrlEncoder().encodeToString(utf8(s));
    }

    public static String base64UrlEncodeNoPad(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(s));
    }

    /** OPA accepts URL-safe base64 with or without padding. */
    public static byte[] base64UrlDecode(String text) {
        String s = withoutLineBreaks(text);
        if (s.indexOf('=') < 0 && s.length() % 4 == 1) {
            throw new IllegalArgumentException("illegal base64 data at input byte " + (s.length() - 1));
        }
        return decode(Base64.getUrlDecoder(), s);
    }

    private static String withoutLineBreaks(String s) {
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0
                ? s
                : s.replace("\r", "").replace("\n", "");
    }

    private static byte[] decode(Base64.Decoder decoder, String s) {
        try {
            return decoder.decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "illegal base64 data at input byte " + firstBadByte(s, decoder == Base64.getUrlDecoder()));
        }
    }

    /** Where Go stops: the first character outside the alphabet, or padding followed by more data. */
    private static int firstBadByte(String s, boolean url) {
        String alphabet = url
                ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                return bytes;
            }
            if (alphabet.indexOf(c) < 0) {
                return utf8(s.substring(0, i)).length;
            }
            bytes++;
        }
        return Math.max(0, bytes - 1);
    }

    public static String hexEncode(String s) {
        return HexFormat.of().formatHex(utf8(s));
    }

    public static byte[] hexDecode(String s) {
        // Go reports a bad digit before an odd length.
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("encoding/hex: invalid byte: U+00"
                        + HexFormat.of().withUpperCase().toHexDigits((byte) s.charAt(i)) + " "
                        + GoQuote.quoteRune(s.charAt(i)));
            }
        }
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("encoding/hex: odd length hex string");
        }
        return HexFormat.of().parseHex(s);
    }

    /** url.QueryEscape: unreserved bytes kept, space as '+', everything else %XX. */
    public static String queryEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(s)) {
            int c = b & 0xFF;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    /** url.QueryUnescape: '+' is a space; a bad escape is an error naming it. */
    public static String queryUnescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (cp == '%') {
                if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    String bad = s.substring(i, Math.min(s.length(), i + 3));
                    throw new IllegalArgumentException("invalid URL escape " + GoQuote.quote(bad));
                }
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
                continue;
            }
            out.writeBytes(cp == '+' ? new byte[] {' '} : utf8(Character.toString(cp)));
            i += Character.charCount(cp);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
