package dev.gate.sbom;

import dev.gate.errors.GateException;
import dev.gate.image.Image;
import dev.gate.image.Layer;
import dev.gate.image.fs.ContentCapture;
import dev.gate.image.fs.SquashLimits;
import dev.gate.image.fs.SquashedFilesystem;
import dev.gate.image.fs.Squasher;
import dev.gate.sbom.catalog.ApkCataloger;
import dev.gate.sbom.catalog.CatalogContext;
import dev.gate.sbom.catalog.CatalogDeadline;
import dev.gate.sbom.catalog.Cataloger;
import dev.gate.sbom.catalog.DpkgCataloger;
import dev.gate.sbom.catalog.GoBinaryCataloger;
import dev.gate.sbom.catalog.JavaCataloger;
import dev.gate.sbom.catalog.JavaIndex;
import dev.gate.sbom.catalog.NpmCataloger;
import dev.gate.sbom.catalog.OsReleaseParser;
import dev.gate.sbom.catalog.PythonCataloger;
import dev.gate.sbom.catalog.RpmCataloger;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Squashes an image's layers once and runs every cataloger over the result, within a time budget per image
 * (reading the layers included).
 */
public final class SbomGenerator {

    private static final Comparator<Package> ORDER = Comparator.comparing(Package::ecosystem)
            .thenComparing(Package::name)
            .thenComparing(Package::version, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(p -> p.paths().isEmpty() ? "" : p.paths().get(0))
            .thenComparing(Package::purl, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Generous: a large real image catalogs in seconds; only a crafted one comes near. */
    public static final Duration DEFAULT_CATALOG_TIMEOUT = Duration.ofMinutes(10);

    private final List<Cataloger> catalogers;
    private final SquashLimits limits;
    private final Duration catalogTimeout;

    public SbomGenerator(List<Cataloger> catalogers, SquashLimits limits) {
        this(catalogers, limits, DEFAULT_CATALOG_TIMEOUT);
    }

    public SbomGenerator(List<Cataloger> catalogers, SquashLimits limits, Duration catalogTimeout) {
        this.catalogers = List.copyOf(catalogers);
        this.limits = limits;
        if (catalogTimeout.isNegative() || catalogTimeout.isZero()) {
            throw new IllegalArgumentException("the catalog time budget must be positive");
        }
        this.catalogTimeout = catalogTimeout;
    }

    public static SbomGenerator standard() {
        return standard(DEFAULT_CATALOG_TIMEOUT);
    }

    /** The standard catalogers; cataloging one image taking longer than {@code catalogTimeout} fails the run. */
    public static SbomGenerator standard(Duration catalogTimeout) {
        return standard(catalogTimeout, JavaIndex.NONE);
    }

    /** As {@link #standard(Duration)}, naming Java archives with the help of {@code javaIndex}. */
    public static SbomGenerator standard(Duration catalogTimeout, JavaIndex javaIndex) {
        return new SbomGenerator(
                List.of(
                        new DpkgCataloger(),
                        new ApkCataloger(),
                        new RpmCataloger(),
                        new JavaCataloger(javaIndex),
                        new NpmCataloger(),
                        new PythonCataloger(),
                        new GoBinaryCataloger()),
                SquashLimits.DEFAULT,
                catalogTimeout);
    }

    public Sbom generate(String imageName, Image image) {
        return generate(imageName, image.descriptor().digest().toString(), image.layers());
    }

    /** @throws CatalogDeadline.Exceeded when the image takes longer than the time budget (exit 2) */
    public Sbom generate(String imageName, String imageDigest, List<? extends Layer> layers) {
        CatalogDeadline deadline = CatalogDeadline.start(imageName, catalogTimeout);
        SquashedFilesystem fs;
        try {
            fs = new Squasher(capture(deadline), limits)
                    .squash(layers.stream()
                            .map(l -> DeadlineLayer.of(l, deadline))
                            .toList());
        } catch (IOException e) {
            throw GateException.operational("reading the layers of " + imageName + " failed: " + e.getMessage(), e);
        }
        OsRelease os = OsReleaseParser.read(fs).orElse(null);
        CatalogContext context = new CatalogContext(fs, os, deadline);
        for (Cataloger cataloger : catalogers) {
            context.checkDeadline();
            cataloger.catalog(context);
        }
        context.checkDeadline();
        List<Package> packages = new ArrayList<>(context.packages());
        packages.sort(ORDER);
        List<Unknown> unknowns = new ArrayList<>(context.unknowns());
        fs.skipped().forEach(s -> unknowns.add(new Unknown(s.path(), s.layer(), s.reason())));
        unknowns.sort(Comparator.comparing(Unknown::path).thenComparing(Unknown::reason));
        Map<String, List<String>> deps = new TreeMap<>();
        context.dependencies()
                .forEach((k, v) -> deps.put(k, v.stream().distinct().sorted().toList()));
        return new Sbom(imageName, imageDigest, os, packages, deps, unknowns);
    }

    /** The union of what the catalogers want; the first that wants a file decides how it is kept. */
    private ContentCapture capture(CatalogDeadline deadline) {
        return (path, size, mode) -> {
            if (OsReleaseParser.wants(path)) {
                return ContentCapture.WHOLE;
            }
            for (Cataloger cataloger : catalogers) {
                if (cataloger.wants(path, size, mode)) {
                    return content -> cataloger.capture(path, content, deadline);
                }
            }
            return null;
        };
    }
}
