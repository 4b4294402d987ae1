package dev.gate.sbom.catalog;

import dev.gate.image.fs.SquashedFilesystem;
import dev.gate.sbom.OsRelease;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /etc/os-release} (falling back to {@code /usr/lib/os-release}), shell-style KEY=value lines. */
public final class OsReleaseParser {

    public static final String ETC = "/etc/os-release";
    public static final String USR_LIB = "/usr/lib/os-release";

    private OsReleaseParser() {}

    public static boolean wants(String path) {
        return path.equals(ETC) || path.equals(USR_LIB);
    }

    public static Optional<OsRelease> read(SquashedFilesystem fs) {
        Optional<byte[]> bytes = fs.content(ETC).or(() -> fs.content(USR_LIB));
        return bytes.flatMap(b -> parse(new String(b, StandardCharsets.UTF_8)));
    }

    static Optional<OsRelease> parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(
                    line.substring(0, eq).strip(),
                    unquote(line.substring(eq + 1).strip()));
        }
        String id = values.get("ID");
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new OsRelease(id, values.get("VERSION_ID"), values.getOrDefault("PRETTY_NAME", values.get("NAME"))));
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"");
        }
        return value;
    }
}
