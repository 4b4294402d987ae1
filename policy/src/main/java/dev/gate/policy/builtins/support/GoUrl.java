package dev.gate.policy.builtins.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A URL read as Go's {@code net/url.Parse} reads it (OPA's uri.* builtins use it): scheme, authority (userinfo
 * checked, host and port), path with its raw form, query and fragment; an opaque URL ({@code mailto:x}) keeps only its
 * scheme. A malformed one is an IllegalArgumentException worded as Go's error: {@code parse "URL": reason}.
 */
public record GoUrl(String scheme, String host, String path, String rawPath, String rawQuery, String fragment) {
    /** Characters a path keeps as they are (Go's escaping of paths); others are written %XX. */
    private static final String PATH_CHARS =
            "$&+,-./0123456789:;=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";
    /** Characters Go refuses in a host name. */
    private static final String BAD_HOST_CHARS = " \\^`{|}";

    private static final String USERINFO_CHARS = "-._:~!$&'()*+,;=%@";

    public static GoUrl parse(String raw) {
        try {
            return read(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parse \"" + raw + "\": " + e.getMessage());
        }
    }

    private static GoUrl read(String raw) {
        int hash = raw.indexOf('#');
        String rest = hash < 0 ? raw : raw.substring(0, hash);
        String fragment = hash < 0 ? "" : unescape(raw.substring(hash + 1), false);
        for (char c : rest.toCharArray())
            if (c < 0x20 || c == 0x7f) throw new IllegalArgumentException("net/url: invalid control character in URL");
        if (rest.isEmpty()) return new GoUrl("", "", "", "", "", fragment);
        String scheme = "";
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (Character.isLetter(c) && c < 0x80) continue;
            if ((c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') && i > 0) continue;
            if (c == ':') {
                if (i == 0) throw new IllegalArgumentException("missing protocol scheme");
                scheme = rest.substring(0, i).toLowerCase(java.util.Locale.ROOT);
                rest = rest.substring(i + 1);
            }
            break;
        }
        String query = "";
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            rest = rest.substring(0, rest.length() - 1);
        } else if (rest.indexOf('?') >= 0) {
            query = rest.substring(rest.indexOf('?') + 1);
            rest = rest.substring(0, rest.indexOf('?'));
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) return new GoUrl(scheme, "", "", "", query, fragment); // opaque
            int slash = rest.indexOf('/');
            if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
                throw new IllegalArgumentException("first path segment in URL cannot contain colon");
            }
        }
        String host = "";
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
            host = authority(authority);
        }
        String path = unescape(rest, false);
        String rawPath = escapePath(path).equals(rest) ? "" : rest;
        return new GoUrl(scheme, host, path, rawPath, query, fragment);
    }

    private static String authority(String authority) {
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            for (char c : authority.substring(0, at).toCharArray()) {
                boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || USERINFO_CHARS.indexOf(c) >= 0);
                if (!ok) throw new IllegalArgumentException("net/url: invalid userinfo");
            }
        }
        return host(authority.substring(at + 1));
    }

    private static String host(String host) {
        String port;
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) throw new IllegalArgumentException("missing ']' in host");
            port = host.substring(close + 1);
        } else {
            int colon = host.lastIndexOf(':');
            port = colon < 0 ? "" : host.substring(colon);
        }
        if (!port.isEmpty()
                && (port.charAt(0) != ':' || !port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("invalid port \"" + port + "\" after host");
        }
        return unescape(host, true);
    }

    /** Go's unescape: %XX escapes decoded; in a host only %25 and non-ASCII escapes, and no character Go refuses there. */
    private static String unescape(String s, boolean inHost) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= bytes.length || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
                    String bad = new String(bytes, i, Math.min(3, bytes.length - i), StandardCharsets.UTF_8);
                    throw new IllegalArgumentException("invalid URL escape \"" + bad + "\"");
                }
                if (inHost && hex(bytes[i + 1]) < 8 && !(bytes[i + 1] == '2' && bytes[i + 2] == '5')) {
                    throw new IllegalArgumentException(
                            "invalid URL escape \"" + new String(bytes, i, 3, StandardCharsets.UTF_8) + "\"");
                }
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
                continue;
            }
            if (inHost && c < 0x80 && BAD_HOST_CHARS.indexOf(c) >= 0) {
                throw new IllegalArgumentException("invalid character \"" + (char) c + "\" in host name");
            }
            out.write(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String escapePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && PATH_CHARS.indexOf(c) >= 0) out.append((char) c);
            else out.append('%').append(String.format("%02X", c));
        }
        return out.toString();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /** The host without its port, and without the brackets of an IPv6 address. */
    public String hostname() {
        String h = host;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h.substring(1) : h.substring(1, close);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** The port, or "" when there is none. */
    public String port() {
        int close = host.lastIndexOf(']');
        int colon = host.lastIndexOf(':');
        return colon > close ? host.substring(colon + 1) : "";
    }
}
