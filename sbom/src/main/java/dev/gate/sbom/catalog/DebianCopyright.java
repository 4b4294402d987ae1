package dev.gate.sbom.catalog;

import dev.gate.image.fs.SquashedFilesystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Licence names from {@code /usr/share/doc/PKG/copyright}: the {@code License:} fields of the
 * machine-readable format (DEP-5), else the common-licenses files the text points at.
 */
final class DebianCopyright {

    private static final Pattern LICENSE_FIELD = Pattern.compile("(?m)^License:[ \\t]*(\\S[^\\n]*)$");
    private static final Pattern COMMON = Pattern.compile("/usr/share/common-licenses/([A-Za-z0-9.+_-]+)");

    private DebianCopyright() {}

    static List<String> licenses(SquashedFilesystem fs, String packageName) {
        return fs.content(DpkgCataloger.DOC + packageName + "/copyright")
                .map(b -> parse(new String(b, StandardCharsets.UTF_8)))
                .orElse(List.of());
    }

    static List<String> parse(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher field = LICENSE_FIELD.matcher(text);
        while (field.find()) {
            String value = field.group(1).strip();
            if (!value.isEmpty()) {
                found.add(value);
            }
        }
        if (found.isEmpty()) {
            Matcher common = COMMON.matcher(text);
            while (common.find()) {
                found.add(trimDot(common.group(1)));
            }
        }
        return new ArrayList<>(found);
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
