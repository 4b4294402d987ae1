package dev.gate.image.archive;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.FileRegion;
import dev.gate.image.VerifyingInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Random access to the members of a tar file: only the headers are indexed up front, and each
 * member is streamed from its offset when opened, so memory stays bounded whatever the archive size.
 */
final class TarMembers implements AutoCloseable {

    private static final long SMALL_LIMIT = 64L << 20;

    private final Path file;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    TarMembers(Path file) {
        this.file = file;
        if (!Files.isRegularFile(file)) {
            throw GateException.input(file + ": no such archive file");
        }
        try {
            this.tar = new TarFile(file);
            long length = Files.size(file);
            for (TarArchiveEntry entry : tar.getEntries()) {
                if (entry.isFile() && entry.getDataOffset() + entry.getSize() > length) {
                    throw GateException.input(
                            file + ": truncated tar (member " + entry.getName() + " runs past the end)");
                }
                entries.put(normalize(entry.getName()), entry);
            }
        } catch (NoSuchFileException e) {
            throw GateException.input(file + ": no such archive file");
        } catch (IOException | IllegalArgumentException e) {
            throw GateException.input(file + ": not a readable tar archive: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw GateException.input(file + ": empty or not a tar archive");
        }
    }

    Path file() {
        return file;
    }

    boolean has(String name) {
        return entries.containsKey(normalize(name));
    }

    /** The member's size after following links. */
    long size(String name) {
        return regular(name).getSize();
    }

    /**
     * Members may be read on several threads at once (the layers of an image are): the archive's one channel is
     * positioned and read in each call, so calls on it take turns.
     */
    InputStream open(String name) throws IOException {
        return new TakingTurns(tar.getInputStream(regular(name)), tar);
    }

    /**
     * Where a member's bytes lie in the archive file, when they lie there whole: a regular member that is
     * not sparse. Empty for a missing member, which {@link #open(String)} then reports.
     */
    Optional<FileRegion> region(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        TarArchiveEntry entry = regular(name);
        return entry.isSparse()
                ? Optional.empty()
                : Optional.of(new FileRegion(file, entry.getDataOffset(), entry.getSize()));
    }

    /** A member streamed and checked against the descriptor's digest and size. */
    InputStream open(String name, Descriptor expected) throws IOException {
        return new VerifyingInputStream(open(name), expected, file + "!" + name);
    }

    /** A small member (manifest, index, config) read whole, verified when a descriptor is given. */
    byte[] readSmall(String name, Descriptor expected) {
        long size = size(name);
        if (size > SMALL_LIMIT) {
            throw GateException.input(
                    file + ": " + name + " is " + size + " bytes, over the 64 MiB limit for metadata");
        }
        try (InputStream in = expected == null ? open(name) : open(name, expected)) {
            return in.readAllBytes();
        } catch (VerifyingInputStream.BlobMismatchException e) {
            throw GateException.input(e.getMessage());
        } catch (IOException e) {
            throw GateException.input(file + ": cannot read " + name + ": " + e.getMessage());
        }
    }

    private TarArchiveEntry regular(String name) {
        String key = normalize(name);
        for (int hops = 0; hops < 16; hops++) {
            TarArchiveEntry entry = entries.get(key);
            if (entry == null) {
                throw GateException.input(file + ": has no member " + name);
            }
            if (entry.isFile()) {
                return entry;
            }
            if (entry.isSymbolicLink()) {
                key = normalize(resolveSibling(key, entry.getLinkName()));
            } else if (entry.isLink()) {
                key = normalize(entry.getLinkName());
            } else {
                throw GateException.input(file + ": member " + name + " is not a regular file");
            }
        }
        throw GateException.input(file + ": member " + name + " is a link loop");
    }

    private static String resolveSibling(String from, String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int slash = from.lastIndexOf('/');
        String base = slash < 0 ? "" : from.substring(0, slash + 1);
        Path joined = Path.of("/" + base + target).normalize();
        return joined.toString();
    }

    static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        return n;
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException ignored) {
            // read-only file: nothing to flush
        }
    }

    /** A member's stream whose calls hold the archive's lock: each sets the shared channel's position, then reads. */
    private static final class TakingTurns extends FilterInputStream {
        private final Object archive;

        TakingTurns(InputStream member, Object archive) {
            super(member);
            this.archive = archive;
        }

        @Override
        public int read() throws IOException {
            synchronized (archive) {
                return super.read();
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            synchronized (archive) {
                return super.read(buffer, offset, length);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            synchronized (archive) {
                return super.skip(n);
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (archive) {
                super.close();
            }
        }
    }
}
