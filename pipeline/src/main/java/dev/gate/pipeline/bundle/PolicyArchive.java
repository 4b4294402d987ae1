package dev.gate.pipeline.bundle;

import dev.gate.errors.GateException;
import dev.gate.policy.RegoDialects;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The files of a policy bundle as one gzipped tar, laid out as an OPA bundle: Rego sources ({@code *.rego}), data
 * ({@code data.json}, {@code data.yaml}), waiver files under {@code waivers/} and OPA's {@code .manifest} (whose
 * {@code rego_version} and {@code file_rego_versions} say which Rego dialect each file is in). Packing is
 * reproducible (sorted names, no times or owners), so the same folder always gives the same digest. Unpacking treats
 * the archive as hostile: regular files only, relative names without {@code ..}, of the kinds above, bounded in count
 * and size.
 */
public final class PolicyArchive {
    static final int MAX_FILES = 2_000;
    static final long MAX_BYTES = 32L * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*");

    private PolicyArchive() {}

    /** What a bundle holds, as files under the folder it was packed from or unpacked into. */
    public record Contents(Path root, List<Path> rego, List<Path> data, List<Path> waivers, Path wasmBundle) {
        public Contents {
            rego = List.copyOf(rego);
            data = List.copyOf(data);
            waivers = List.copyOf(waivers);
        }

        public int files() {
            return rego.size() + data.size() + waivers.size() + (wasmBundle == null ? 0 : 1);
        }

        /** What {@code --policy} is given: the wasm bundle, or the folder (whose manifest decides the Rego dialect). */
        public Path policy() {
            return wasmBundle != null ? wasmBundle : root;
        }
    }

    /** Files sorted into the bundle's kinds as they are found; then checked to make one policy. */
    private static final class Sorting {
        final List<Path> rego = new ArrayList<>(),
                data = new ArrayList<>(),
                waivers = new ArrayList<>(),
                wasm = new ArrayList<>();

        void add(Kind kind, Path file) {
            switch (kind) {
                case REGO -> rego.add(file);
                case DATA -> data.add(file);
                case WAIVERS -> waivers.add(file);
                case WASM -> wasm.add(file);
                case MANIFEST, OTHER -> {}
            }
        }

        Contents contents(Path root, String origin) {
            if (rego.isEmpty() && wasm.isEmpty()) {
                throw GateException.input(origin + ": no .rego files (or OPA wasm bundle) in the policy bundle");
            }
            if (wasm.size() > 1 || !wasm.isEmpty() && !rego.isEmpty()) {
                throw GateException.input(origin + ": a wasm bundle is a whole policy: give it alone, not with "
                        + (wasm.size() > 1 ? root.relativize(wasm.get(1)) : root.relativize(rego.get(0))));
            }
            rego.sort(null);
            data.sort(null);
            waivers.sort(null);
            return new Contents(root, rego, data, waivers, wasm.isEmpty() ? null : wasm.get(0));
        }
    }

    /** The bundle's files of {@code dir}; anything else in it is left out. */
    public static Contents contents(Path dir) {
        if (!Files.isDirectory(dir)) throw GateException.input(dir + ": not a directory of policies");
        Sorting found = new Sorting();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                found.add(kind(dir.relativize(p).toString().replace('\\', '/')), p);
            }
        } catch (IOException e) {
            throw GateException.input(dir + ": cannot read: " + e.getMessage());
        }
        Contents contents = found.contents(dir, dir.toString());
        checkManifest(dir, dir.resolve(RegoDialects.MANIFEST).toString());
        return contents;
    }

    /** The gzipped tar of {@code contents} (plus OPA's {@code .manifest} when the folder has one). */
    public static byte[] pack(Contents contents) {
        List<Path> files = new ArrayList<>();
        files.addAll(contents.rego());
        files.addAll(contents.data());
        files.addAll(contents.waivers());
        if (contents.wasmBundle() != null) files.add(contents.wasmBundle());
        Path manifest = contents.root().resolve(".manifest");
        if (Files.isRegularFile(manifest)) files.add(manifest);
        files.sort(null);
        if (files.size() > MAX_FILES)
            throw GateException.input(contents.root() + ": more than " + MAX_FILES + " policy files");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            long total = 0;
            for (Path f : files) {
                byte[] content = Files.readAllBytes(f);
                total += content.length;
                if (total > MAX_BYTES)
                    throw GateException.input(contents.root() + ": policy files larger than " + MAX_BYTES + " bytes");
                TarArchiveEntry entry = new TarArchiveEntry(
                        contents.root().relativize(f).toString().replace('\\', '/'));
                entry.setSize(content.length);
                entry.setMode(0644);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Unpacks {@code archive} (named {@code origin} in errors) into the empty folder {@code into}. */
    public static Contents unpack(byte[] archive, String origin, Path into) {
        Sorting found = new Sorting();
        int count = 0;
        long total = 0;
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                if (e.isDirectory()) continue;
                if (!regularFile(e)) throw refused(origin, name, "is not a regular file");
                if (!NAME.matcher(name).matches()
                        || Stream.of(name.split("/")).anyMatch(s -> s.equals("..") || s.equals("."))) {
                    throw refused(origin, name, "is not a plain relative file name");
                }
                Kind kind = kind(name);
                if (kind == Kind.OTHER)
                    throw refused(origin, name, "is not a Rego, data, waiver, manifest or wasm bundle file");
                if (++count > MAX_FILES) throw GateException.input(origin + ": more than " + MAX_FILES + " files");
                byte[] content = tar.readNBytes((int) Math.min(MAX_BYTES - total + 1, Integer.MAX_VALUE - 8));
                total += content.length;
                if (total > MAX_BYTES)
                    throw GateException.input(origin + ": more than " + MAX_BYTES + " bytes unpacked");
                Path target = into.resolve(name).normalize();
                if (!target.startsWith(into)) throw refused(origin, name, "leaves the bundle");
                Files.createDirectories(target.getParent());
                Files.write(target, content, java.nio.file.StandardOpenOption.CREATE_NEW);
                found.add(kind, target);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw GateException.input(origin + ": " + into.relativize(Path.of(e.getFile())) + " appears twice");
        } catch (IOException e) {
            throw GateException.input(origin + ": not a readable policy bundle (gzipped tar): " + e.getMessage());
        }
        Contents contents = found.contents(into, origin);
        checkManifest(into, origin + ": " + RegoDialects.MANIFEST);
        return contents;
    }

    /** OPA's manifest decides the Rego dialect of the bundle's files: a malformed one is neither published nor used. */
    private static void checkManifest(Path dir, String shownAs) {
        try {
            RegoDialects.checkManifest(dir, shownAs);
        } catch (IllegalArgumentException e) {
            throw GateException.input(e.getMessage());
        }
    }

    /** By its type flag: commons-compress calls anything that is not a directory a file, links included. */
    private static boolean regularFile(TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        return flag == TarArchiveEntry.LF_NORMAL
                || flag == TarArchiveEntry.LF_OLDNORM
                || flag == TarArchiveEntry.LF_CONTIG;
    }

    private static GateException refused(String origin, String name, String why) {
        return GateException.input(origin + ": bundle entry '" + dev.gate.image.SafeText.of(name) + "' " + why);
    }

    private enum Kind {
        REGO,
        DATA,
        WAIVERS,
        MANIFEST,
        WASM,
        OTHER
    }

    private static Kind kind(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String base = lower.substring(lower.lastIndexOf('/') + 1);
        if (name.equals(".manifest")) return Kind.MANIFEST;
        if (lower.startsWith("waivers/") && (base.endsWith(".yaml") || base.endsWith(".yml") || base.endsWith(".json")))
            return Kind.WAIVERS;
        if (base.endsWith(".rego")) return Kind.REGO;
        if (base.equals("data.json") || base.equals("data.yaml") || base.equals("data.yml")) return Kind.DATA;
        if (!name.contains("/") && (base.endsWith(".tar.gz") || base.endsWith(".tgz") || base.endsWith(".wasm")))
            return Kind.WASM;
        return Kind.OTHER;
    }
}
