package dev.gate.sbom.catalog;

import dev.gate.errors.GateException;
import dev.gate.image.fs.FileEntry;
import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import dev.gate.sbom.SbomProperties;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Java archives anywhere in the image: jar, war, ear (and Jenkins plugins), nested ones included. Each
 * archive is read while its layer streams past and only what was found in it is kept, never its bytes; the
 * archives are named once all are read, with the Java index when there is one (see {@link JavaIdentifier}).
 */
public final class JavaCataloger implements Cataloger {

    /** The {@code gate:} property that says how a Java component was identified. */
    private static final List<String> EXTENSIONS = List.of(".jar", ".war", ".ear", ".jpi", ".hpi");

    private final JavaIdentifier identifier;

    public JavaCataloger() {
        this(JavaIndex.NONE);
    }

    public JavaCataloger(JavaIndex index) {
        this.identifier = new JavaIdentifier(index);
    }

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
            for (ArchiveEvidence archive : findings.archives()) {
                List<JavaIdentifier.Identified> identified;
                try {
                    identified = identifier.identify(archive);
                } catch (GateException e) {
                    throw e; // a Java DB or look-up service that fails stops the run
                } catch (RuntimeException e) {
                    context.unknown(archive.path(), file.layer(), "Java archive not identified: " + e);
                    continue;
                }
                identified.forEach(found -> add(context, archive, found, file.layer()));
            }
            findings.problems().forEach(problem -> context.unknown(file.path(), file.layer(), problem));
        }
    }

    private static void add(
            CatalogContext context, ArchiveEvidence archive, JavaIdentifier.Identified found, String layer) {
        MavenCoordinates c = found.coordinates();
        Map<String, String> hashes = new LinkedHashMap<>();
        if (found.isArchive() && archive.sha1() != null) {
            hashes.put("SHA-1", archive.sha1());
            hashes.put("SHA-256", archive.sha256());
        }
        String name = c.artifact() != null ? c.artifact() : archive.fileStem();
        if (found.identifiedBy() == null) {
            context.unknown(archive.path(), layer, CatalogDeadline.printable(found.doubt()));
            if (archive.classCount() == 0 && archive.manifest().isEmpty()) {
                return; // not a Java archive at all (or an empty one): nothing to list
            }
            context.add(new Package(
                    "maven",
                    null,
                    name,
                    c.version(),
                    null,
                    null,
                    null,
                    List.of(),
                    layer,
                    List.of(archive.path()),
                    hashes,
                    Map.of()));
            return;
        }
        try {
            String purl = Purl.of("maven", c.group(), c.artifact(), c.version(), Map.of())
                    .toString();
            context.add(new Package(
                    "maven",
                    c.group(),
                    c.artifact(),
                    c.version(),
                    purl,
                    null,
                    null,
                    List.of(),
                    layer,
                    List.of(archive.path()),
                    hashes,
                    Map.of(SbomProperties.JAVA_IDENTIFIED_BY, found.identifiedBy())));
        } catch (RuntimeException e) {
            context.unknown(archive.path(), layer, "Maven coordinates unusable: " + e.getMessage());
        }
    }
}
