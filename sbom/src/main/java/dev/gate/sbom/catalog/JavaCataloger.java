package dev.gate.sbom.catalog;

import dev.gate.image.fs.FileEntry;
import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Java archives anywhere in the image: jar, war, ear (and Jenkins plugins), nested ones included. Each
 * archive is read while its layer streams past and only what was found in it is kept, never its bytes.
 */
public final class JavaCataloger implements Cataloger {

    private static final List<String> EXTENSIONS = List.of(".jar", ".war", ".ear", ".jpi", ".hpi");

    static boolean isArchive(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        return isArchive(path);
    }

    @Override
    public byte[] capture(String path, InputStream content, CatalogDeadline deadline) {
        return new JarReader(deadline).read(path, content).encode();
    }

    @Override
    public void catalog(CatalogContext context) {
        for (FileEntry file : context.fs().find(JavaCataloger::isArchive)) {
            context.checkDeadline();
            if (!file.isRegular() || file.content() == null) {
                continue;
            }
            // Bytes captured whole (by a caller without this cataloger's capture) are read here.
            JarFindings findings = JarFindings.isEncoded(file.content())
                    ? JarFindings.decode(file.content())
                    : new JarReader(context.deadline()).read(file.path(), new ByteArrayInputStream(file.content()));
            for (JarFindings.Coordinates c : findings.packages()) {
                try {
                    context.add(toPackage(c, file.layer()));
                } catch (RuntimeException e) {
                    context.unknown(c.path(), file.layer(), "Maven coordinates unusable: " + e.getMessage());
                }
            }
            findings.problems().forEach(problem -> context.unknown(file.path(), file.layer(), problem));
        }
    }

    private static Package toPackage(JarFindings.Coordinates c, String layer) {
        String purl = Purl.of("maven", c.group(), c.artifact(), c.version(), Map.of()).toString();
        return new Package("maven", c.group(), c.artifact(), c.version(), purl, null, null, List.of(), layer, List.of(c.path()));
    }
}
