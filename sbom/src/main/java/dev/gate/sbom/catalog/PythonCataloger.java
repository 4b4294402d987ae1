package dev.gate.sbom.catalog;

import dev.gate.image.fs.FileEntry;
import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Python: wheel installs ({@code *.dist-info/METADATA}) and eggs ({@code *.egg-info/PKG-INFO} or an egg-info file). */
public final class PythonCataloger implements Cataloger {

    private static final String CLASSIFIER_PREFIX = "License :: OSI Approved :: ";

    static boolean isMetadata(String path) {
        return path.endsWith(".dist-info/METADATA")
                || path.endsWith(".egg-info/PKG-INFO")
                || path.endsWith(".egg-info");
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        return isMetadata(path);
    }

    @Override
    public void catalog(CatalogContext context) {
        for (FileEntry file : context.fs().find(PythonCataloger::isMetadata)) {
            context.checkDeadline();
            if (!file.isRegular() || file.content() == null) {
                continue;
            }
            try {
                Map<String, List<String>> header =
                        KeyValueFile.header(new String(file.content(), StandardCharsets.UTF_8));
                String name = first(header, "Name");
                String version = first(header, "Version");
                if (name == null || version == null) {
                    context.unknown(file, "Python metadata without Name or Version");
                    continue;
                }
                String purl = Purl.of("pypi", null, normalize(name), version, Map.of())
                        .toString();
                context.add(new Package(
                        "pypi",
                        null,
                        name,
                        version,
                        purl,
                        null,
                        null,
                        licenses(header),
                        file.layer(),
                        List.of(file.path())));
            } catch (RuntimeException e) {
                context.unknown(file, "Python metadata unreadable: " + e.getMessage());
            }
        }
    }

    /** PEP 503 normalisation, as the pypi purl type asks: lower case, runs of -_. become '-'. */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static List<String> licenses(Map<String, List<String>> header) {
        List<String> result = new ArrayList<>();
        String expression = first(header, "License-Expression");
        String license = first(header, "License");
        if (expression != null) {
            result.add(expression);
        } else if (license != null
                && !license.isBlank()
                && !license.equalsIgnoreCase("UNKNOWN")
                && license.length() < 100) {
            result.add(license);
        }
        if (result.isEmpty()) {
            for (String classifier : header.getOrDefault("Classifier", List.of())) {
                if (classifier.startsWith(CLASSIFIER_PREFIX)) {
                    result.add(classifier.substring(CLASSIFIER_PREFIX.length()));
                }
            }
        }
        return result;
    }

    private static String first(Map<String, List<String>> header, String key) {
        List<String> values = header.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
