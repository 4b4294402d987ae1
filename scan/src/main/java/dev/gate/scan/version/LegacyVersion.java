package dev.gate.scan.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * setuptools' pre-PEP 440 ordering, kept for PyPI versions PEP 440 rejects: the string is split into
 * numeric parts (zero-padded) and words; pre-release words sort before {@code *final}, "-" marks a
 * post-release. Only used to order two legacy strings against each other.
 */
final class LegacyVersion {

    private static final Pattern PART = Pattern.compile("(\\d+|[a-z]+|\\.|-)");

    private LegacyVersion() {}

    static int compare(String a, String b) {
        List<String> x = key(a);
        List<String> y = key(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int cmp = x.get(i).compareTo(y.get(i));
            if (cmp != 0) {
                return Integer.signum(cmp);
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static List<String> key(String version) {
        List<String> parts = new ArrayList<>();
        Matcher m = PART.matcher(version.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String part = switch (m.group()) {
                case "pre", "preview" -> "c";
                case "-" -> "final-";
                case "rc" -> "c";
                case "dev" -> "@";
                case "." -> null;
                default -> m.group();
            };
            if (part == null) {
                continue;
            }
            if (Character.isDigit(part.charAt(0))) {
                parts.add(String.format("%08d", Long.parseLong(part.length() > 17 ? part.substring(0, 17) : part)));
                continue;
            }
            if (part.startsWith("*")
                    || part.equals("final-")
                    || part.equals("@")
                    || Character.isLetter(part.charAt(0))) {
                if (part.compareTo("final") < 0 || part.equals("@")) {
                    while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("*final-")) {
                        parts.remove(parts.size() - 1);
                    }
                }
                while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("00000000")) {
                    parts.remove(parts.size() - 1);
                }
                parts.add("*" + part);
            }
        }
        parts.add("*final");
        return parts;
    }
}
