package dev.gate.sbom.catalog;

import dev.gate.image.fs.FileEntry;
import dev.gate.sbom.Package;
import java.util.List;
import java.util.Locale;

/** Java archives anywhere in the image: jar, war, ear (and Jenkins plugins), nested ones included. */
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
    public void catalog(CatalogContext context) {
        for (FileEntry file : context.fs().find(JavaCataloger::isArchive)) {
            context.checkDeadline();
            if (!file.isRegular() || file.content() == null) {
                continue;
            }
            JarReader reader = new JarReader(file.layer(), context.deadline());
            try {
                List<Package> found = reader.read(file.path(), file.content());
                found.forEach(context::add);
            } catch (CatalogDeadline.Exceeded e) {
                throw e;
            } catch (RuntimeException | java.io.IOException e) {
                context.unknown(file, "java archive unreadable: " + e.getMessage());
            }
            reader.problems().forEach(problem -> context.unknown(file.path(), file.layer(), problem));
        }
    }
}
