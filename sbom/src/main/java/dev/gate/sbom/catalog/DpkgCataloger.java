package dev.gate.sbom.catalog;

import dev.gate.image.fs.FileEntry;
import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Debian and Ubuntu: {@code /var/lib/dpkg/status} and the one-file-per-package
 * {@code /var/lib/dpkg/status.d/*} of distroless images, licences from
 * {@code /usr/share/doc/PKG/copyright}.
 */
public final class DpkgCataloger implements Cataloger {

    static final String STATUS = "/var/lib/dpkg/status";
    static final String STATUS_D = "/var/lib/dpkg/status.d/";
    static final String DOC = "/usr/share/doc/";

    @Override
    public boolean wants(String path, long size, int mode) {
        return path.equals(STATUS)
                || (path.startsWith(STATUS_D) && !path.endsWith(".md5sums") && path.indexOf('/', STATUS_D.length()) < 0)
                || (path.startsWith(DOC) && path.endsWith("/copyright"));
    }

    @Override
    public void catalog(CatalogContext context) {
        List<FileEntry> files = new ArrayList<>();
        context.fs().entry(STATUS).ifPresent(files::add);
        files.addAll(context.fs().find(p -> p.startsWith(STATUS_D) && wants(p, 0, 0)));
        Map<String, String> purlByName = new HashMap<>();
        Map<String, List<String>> dependsByPurl = new HashMap<>();
        for (FileEntry file : files) {
            context.checkDeadline();
            byte[] bytes = file.content();
            if (bytes == null || !file.isRegular()) {
                continue;
            }
            try {
                for (Map<String, String> paragraph :
                        KeyValueFile.paragraphs(new String(bytes, StandardCharsets.UTF_8))) {
                    Package p = toPackage(paragraph, file, context);
                    if (p != null) {
                        context.add(p);
                        purlByName.put(p.name(), p.purl());
                        dependsByPurl.put(p.purl(), dependencyNames(paragraph));
                    }
                }
            } catch (RuntimeException e) {
                context.unknown(file, "dpkg status unreadable: " + e.getMessage());
            }
        }
        dependsByPurl.forEach((purl, names) -> context.dependsOn(
                purl,
                names.stream()
                        .map(purlByName::get)
                        .filter(x -> x != null && !x.equals(purl))
                        .distinct()
                        .toList()));
    }

    private Package toPackage(Map<String, String> paragraph, FileEntry file, CatalogContext context) {
        String name = paragraph.get("Package");
        String version = paragraph.get("Version");
        if (name == null || version == null) {
            throw new IllegalArgumentException("paragraph without Package or Version");
        }
        String status = paragraph.getOrDefault("Status", "install ok installed");
        if (status.endsWith("not-installed") || status.endsWith("config-files")) {
            return null;
        }
        String sourceName = null;
        String sourceVersion = null;
        String source = paragraph.get("Source");
        if (source != null && !source.isEmpty()) {
            int paren = source.indexOf('(');
            sourceName = (paren < 0 ? source : source.substring(0, paren)).strip();
            sourceVersion = paren < 0
                    ? null
                    : source.substring(paren + 1, source.indexOf(')', paren)).strip();
        }
        String arch = paragraph.get("Architecture");
        String purl = purl(context.os(), name, version, arch);
        List<String> licenses = DebianCopyright.licenses(context.fs(), name);
        return new Package(
                "deb",
                null,
                name,
                version,
                purl,
                name.equals(sourceName) ? null : sourceName,
                sourceVersion == null || sourceVersion.equals(version) ? null : sourceVersion,
                licenses,
                file.layer(),
                List.of(file.path()));
    }

    /** trivy's form: the epoch goes into a qualifier and out of the version. */
    static String purl(OsRelease os, String name, String version, String arch) {
        String namespace = os == null ? "debian" : os.id();
        Map<String, String> q = new TreeMap<>();
        q.put("arch", arch);
        int colon = version.indexOf(':');
        if (colon > 0) {
            q.put("epoch", version.substring(0, colon));
            version = version.substring(colon + 1);
        }
        if (os != null && os.versionId() != null) {
            q.put("distro", os.id() + "-" + os.versionId());
        }
        return Purl.of("deb", namespace, name, version, q).toString();
    }

    private static List<String> dependencyNames(Map<String, String> paragraph) {
        List<String> names = new ArrayList<>();
        for (String field : new String[] {"Pre-Depends", "Depends"}) {
            String value = paragraph.get(field);
            if (value == null) {
                continue;
            }
            for (String clause : value.split(",")) {
                for (String alternative : clause.split("\\|")) {
                    String n = alternative.strip().split("[ (:]", 2)[0];
                    if (!n.isEmpty()) {
                        names.add(n);
                    }
                }
            }
        }
        return names;
    }
}
