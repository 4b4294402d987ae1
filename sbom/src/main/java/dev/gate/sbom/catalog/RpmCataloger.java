package dev.gate.sbom.catalog;

import dev.gate.image.TempFiles;
import dev.gate.image.fs.FileEntry;
import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Red Hat family: the SQLite rpmdb ({@code rpmdb.sqlite}, Packages table of header blobs), read through
 * {@link RpmDatabase}'s bounds. The older Berkeley DB {@code Packages} and SUSE's ndb {@code Packages.db}
 * are reported, not read.
 */
public final class RpmCataloger implements Cataloger {

    private static final List<String> DIRS = List.of("/var/lib/rpm/", "/usr/lib/sysimage/rpm/");
    /** A real rpmdb of a few thousand packages reads in well under a second. */
    static final Duration QUERY_LIMIT = Duration.ofSeconds(30);

    private final Supplier<TempFiles.Folder> folders;
    private final Duration queryLimit;

    public RpmCataloger() {
        this(() -> TempFiles.folder("gate-rpmdb-"), QUERY_LIMIT);
    }

    RpmCataloger(Supplier<TempFiles.Folder> folders, Duration queryLimit) {
        this.folders = folders;
        this.queryLimit = queryLimit;
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        return DIRS.stream().anyMatch(d -> path.equals(d + "rpmdb.sqlite"));
    }

    @Override
    public void catalog(CatalogContext context) {
        for (String dir : DIRS) {
            context.fs().entry(dir + "rpmdb.sqlite").ifPresent(f -> readSqlite(f, context));
            context.fs()
                    .entry(dir + "Packages")
                    .ifPresent(f -> context.unknown(
                            f, "Berkeley DB rpm database found and not read (only rpmdb.sqlite is supported)"));
            context.fs()
                    .entry(dir + "Packages.db")
                    .ifPresent(f ->
                            context.unknown(f, "ndb rpm database found and not read (only rpmdb.sqlite is supported)"));
        }
    }

    private void readSqlite(FileEntry file, CatalogContext context) {
        if (file.content() == null) {
            context.unknown(file, "rpmdb.sqlite not read (over the size limit)");
            return;
        }
        Duration remaining = context.deadline().remaining();
        Duration limit = remaining.compareTo(queryLimit) < 0 ? remaining : queryLimit;
        // SQLite reads a file, not bytes; the private folder goes on every path, a SIGTERM included.
        try (TempFiles.Folder dir = folders.get()) {
            Path db = dir.path().resolve("rpmdb.sqlite");
            Files.write(db, file.content());
            try (RpmDatabase rpmdb = RpmDatabase.open(db, limit)) {
                try {
                    rpmdb.readHeaders(blob -> addHeader(RpmHeader.parse(blob), file, context));
                } catch (SQLException e) {
                    if (!rpmdb.stoppedByTimeLimit()) {
                        throw e;
                    }
                    context.checkDeadline();
                    context.unknown(
                            file,
                            "rpm database not read: its query ran past the time limit of "
                                    + CatalogDeadline.describe(limit) + " and was stopped");
                }
            }
        } catch (RpmDatabase.Refused e) {
            context.unknown(file, "rpm database refused: " + e.getMessage());
        } catch (CatalogDeadline.Exceeded e) {
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            context.unknown(file, "rpm database unreadable: " + e.getMessage());
        }
    }

    private static void addHeader(RpmHeader h, FileEntry file, CatalogContext context) {
        String name = h.string(RpmHeader.NAME);
        if (name == null || name.equals("gpg-pubkey")) {
            return;
        }
        String version = h.string(RpmHeader.VERSION) + "-" + h.string(RpmHeader.RELEASE);
        Integer epoch = h.integer(RpmHeader.EPOCH);
        Map<String, String> q = new TreeMap<>();
        q.put("arch", h.string(RpmHeader.ARCH));
        if (epoch != null && epoch != 0) {
            q.put("epoch", epoch.toString());
        }
        String namespace = context.os() == null ? "redhat" : context.os().id();
        if (context.os() != null && context.os().versionId() != null) {
            q.put("distro", context.os().id() + "-" + context.os().versionId());
        }
        String purl = Purl.of("rpm", namespace, name, version, q).toString();
        String sourceRpm = h.string(RpmHeader.SOURCERPM);
        String license = h.string(RpmHeader.LICENSE);
        String fullVersion = (epoch != null && epoch != 0 ? epoch + ":" : "") + version;
        context.add(new Package(
                "rpm",
                null,
                name,
                fullVersion,
                purl,
                sourceName(sourceRpm),
                null,
                license == null ? List.of() : List.of(license),
                file.layer(),
                List.of(file.path())));
    }

    /** "openssl-3.0.7-27.el9.src.rpm" is built from source package "openssl". */
    static String sourceName(String sourceRpm) {
        if (sourceRpm == null || !sourceRpm.endsWith(".rpm")) {
            return null;
        }
        String base = sourceRpm.substring(0, sourceRpm.length() - 4);
        base = base.substring(0, Math.max(base.lastIndexOf('.'), 0));
        int release = base.lastIndexOf('-');
        int version = release <= 0 ? -1 : base.lastIndexOf('-', release - 1);
        return version <= 0 ? null : base.substring(0, version);
    }
}
