package dev.gate.sbom.catalog;

import dev.gate.image.fs.FileEntry;
import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go executables: main module, dependency modules and the toolchain as {@code stdlib}. */
public final class GoBinaryCataloger implements Cataloger {

    @Override
    public boolean wants(String path, long size, int mode) {
        return (mode & 0111) != 0 && size > 1024;
    }

    @Override
    public byte[] capture(String path, InputStream content) throws IOException {
        return GoBuildInfo.capture(content);
    }

    @Override
    public void catalog(CatalogContext context) {
        for (FileEntry file : context.fs().entries()) {
            context.checkDeadline();
            byte[] captured = file.content();
            if (!file.isRegular()
                    || captured == null
                    || !file.isExecutable()
                    || captured.length < GoBuildInfo.MAGIC.length
                    || captured[0] != GoBuildInfo.MAGIC[0]
                    || captured[1] != GoBuildInfo.MAGIC[1]) {
                continue;
            }
            try {
                add(GoBuildInfo.parse(captured), file, context);
            } catch (RuntimeException e) {
                context.unknown(file, "Go build info unreadable: " + e.getMessage());
            }
        }
    }

    private static void add(GoBuildInfo.Info info, FileEntry file, CatalogContext context) {
        List<String> depPurls = new ArrayList<>();
        for (GoBuildInfo.Module dep : info.deps()) {
            Package p = module(dep.path(), dep.version(), file);
            context.add(p);
            depPurls.add(p.purl());
        }
        String goVersion =
                info.goVersion().startsWith("go") ? "v" + info.goVersion().substring(2) : info.goVersion();
        Package stdlib = module("stdlib", goVersion.split(" ", 2)[0], file);
        context.add(stdlib);
        depPurls.add(stdlib.purl());
        if (info.main() != null && !info.main().path().isEmpty()) {
            String version = info.main().version();
            Package main = module(info.main().path(), version, file);
            context.add(main);
            context.dependsOn(main.purl(), depPurls);
        }
    }

    private static Package module(String modulePath, String version, FileEntry file) {
        int slash = modulePath.lastIndexOf('/');
        String namespace = slash < 0 ? null : modulePath.substring(0, slash);
        String name = modulePath.substring(slash + 1);
        String v = version == null || version.equals("(devel)") ? null : version;
        String purl = Purl.of("golang", namespace, name, v, Map.of()).toString();
        return new Package(
                "golang",
                namespace,
                modulePath,
                v == null ? "(devel)" : v,
                purl,
                null,
                null,
                List.of(),
                file.layer(),
                List.of(file.path()));
    }
}
