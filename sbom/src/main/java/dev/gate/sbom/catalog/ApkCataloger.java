package dev.gate.sbom.catalog;

import dev.gate.image.fs.FileEntry;
import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Alpine, Wolfi, Chainguard: {@code /lib/apk/db/installed}, one-letter keys, origin in {@code o:}. */
public final class ApkCataloger implements Cataloger {

    static final String INSTALLED = "/lib/apk/db/installed";

    @Override
    public boolean wants(String path, long size, int mode) {
        return path.equals(INSTALLED);
    }

    @Override
    public void catalog(CatalogContext context) {
        FileEntry file = context.fs().entry(INSTALLED).orElse(null);
        if (file == null || file.content() == null) {
            return;
        }
        Map<String, String> purlByProvided = new HashMap<>();
        Map<String, List<String>> dependsByPurl = new HashMap<>();
        try {
            for (Map<String, String> record :
                    KeyValueFile.paragraphs(new String(file.content(), StandardCharsets.UTF_8))) {
                String name = record.get("P");
                String version = record.get("V");
                if (name == null || version == null) {
                    throw new IllegalArgumentException("record without P: or V:");
                }
                String origin = record.get("o");
                String purl = purl(context, name, version, record.get("A"));
                String license = record.get("L");
                context.add(new Package(
                        "apk",
                        null,
                        name,
                        version,
                        purl,
                        origin == null || origin.equals(name) ? null : origin,
                        null,
                        license == null ? List.of() : List.of(license),
                        file.layer(),
                        List.of(file.path())));
                purlByProvided.put(name, purl);
                for (String provided : record.getOrDefault("p", "").split(" ")) {
                    purlByProvided.putIfAbsent(provided.split("=", 2)[0], purl);
                }
                dependsByPurl.put(purl, List.of(record.getOrDefault("D", "").split(" ")));
            }
        } catch (RuntimeException e) {
            context.unknown(file, "apk installed db unreadable: " + e.getMessage());
        }
        dependsByPurl.forEach((purl, deps) -> {
            List<String> resolved = new ArrayList<>();
            for (String dep : deps) {
                String key = dep.split("[<>=~]", 2)[0];
                String target = purlByProvided.get(key);
                if (!dep.startsWith("!") && target != null && !target.equals(purl) && !resolved.contains(target)) {
                    resolved.add(target);
                }
            }
            context.dependsOn(purl, resolved);
        });
    }

    private static String purl(CatalogContext context, String name, String version, String arch) {
        Map<String, String> q = new TreeMap<>();
        q.put("arch", arch);
        String namespace = "alpine";
        if (context.os() != null) {
            namespace = context.os().id();
            q.put("distro", context.os().versionId());
        }
        return Purl.of("apk", namespace, name, version, q).toString();
    }
}
