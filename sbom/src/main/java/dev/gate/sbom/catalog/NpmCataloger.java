package dev.gate.sbom.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.fs.FileEntry;
import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** npm: each {@code node_modules/NAME/package.json} and {@code node_modules/@SCOPE/NAME/package.json}. */
public final class NpmCataloger implements Cataloger {

    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean isInstalledManifest(String path) {
        if (!path.endsWith("/package.json")) {
            return false;
        }
        String[] parts = path.split("/");
        int n = parts.length;
        return (n >= 3 && parts[n - 3].equals("node_modules") && !parts[n - 2].startsWith("@"))
                || (n >= 4 && parts[n - 4].equals("node_modules") && parts[n - 3].startsWith("@"));
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        return isInstalledManifest(path);
    }

    @Override
    public void catalog(CatalogContext context) {
        for (FileEntry file : context.fs().find(NpmCataloger::isInstalledManifest)) {
            context.checkDeadline();
            if (file.content() == null) {
                continue;
            }
            try {
                JsonNode json = JSON.readTree(file.content());
                String fullName = json.path("name").asText(null);
                String version = json.path("version").asText(null);
                if (fullName == null || version == null || fullName.isEmpty() || version.isEmpty()) {
                    context.unknown(file, "package.json without name or version");
                    continue;
                }
                context.add(toPackage(fullName, version, licenses(json), file));
            } catch (IOException | RuntimeException e) {
                context.unknown(file, "package.json unreadable: " + e.getMessage());
            }
        }
    }

    private static Package toPackage(String fullName, String version, List<String> licenses, FileEntry file) {
        String scope = null;
        String name = fullName;
        int slash = fullName.indexOf('/');
        if (fullName.startsWith("@") && slash > 0) {
            scope = fullName.substring(0, slash);
            name = fullName.substring(slash + 1);
        }
        String purl = Purl.of("npm", scope, name, version, Map.of()).toString();
        return new Package("npm", scope, name, version, purl, null, null, licenses, file.layer(), List.of(file.path()));
    }

    /** "license": "MIT", {"type": "MIT"}, or the old "licenses": [{"type": ...}]. */
    static List<String> licenses(JsonNode json) {
        List<String> result = new ArrayList<>();
        JsonNode license = json.path("license");
        if (license.isTextual()) {
            result.add(license.asText());
        } else if (license.path("type").isTextual()) {
            result.add(license.path("type").asText());
        }
        for (JsonNode item : json.path("licenses")) {
            String type = item.isTextual() ? item.asText() : item.path("type").asText(null);
            if (type != null && !result.contains(type)) {
                result.add(type);
            }
        }
        return result;
    }
}
