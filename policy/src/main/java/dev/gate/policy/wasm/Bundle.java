package dev.gate.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.DataFiles;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A policy compiled by {@code opa build -t wasm}: either the bundle ({@code bundle.tar.gz} holding {@code policy.wasm},
 * {@code data.json} files, {@code .manifest} and the Rego sources) or a bare {@code policy.wasm}. Bundles come from
 * outside, so every read is bounded and every malformed part is an {@link IllegalArgumentException} naming the file.
 */
public final class Bundle {
    /** A Rego source the bundle carries; {@code path} without the bundle's leading slash. */
    public record Source(String path, String text) {}

    private static final long MAX_FILE = 256L * 1024 * 1024;
    private static final long MAX_ENTRY = 128L * 1024 * 1024;
    private static final long MAX_UNPACKED = 512L * 1024 * 1024;
    private static final int MAX_ENTRIES = 10_000;
    private static final byte[] WASM_MAGIC = {0, 'a', 's', 'm'};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String sha256;
    private final byte[] wasm;
    private final Value data;
    private final BundleManifest manifest;
    private final List<Source> sources;

    private Bundle(Path file, String sha256, byte[] wasm, Value data, BundleManifest manifest, List<Source> sources) {
        this.file = file;
        this.sha256 = sha256;
        this.wasm = wasm;
        this.data = data;
        this.manifest = manifest;
        this.sources = List.copyOf(sources);
    }

    /** Whether a {@code --policy} path names a compiled policy rather than Rego sources. */
    public static boolean isBundle(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".wasm");
    }

    public static Bundle read(Path file) {
        byte[] bytes = readBounded(file);
        String digest = sha256(bytes);
        if (file.getFileName().toString().endsWith(".wasm")) {
            if (!startsWith(bytes, WASM_MAGIC))
                throw new IllegalArgumentException(file + ": not a wasm module (no \\0asm header)");
            return new Bundle(file, digest, bytes, ObjectValue.EMPTY, BundleManifest.NONE, List.of());
        }
        return unpack(file, digest, bytes);
    }

    private static Bundle unpack(Path file, String digest, byte[] bytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes));
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            long unpacked = 0;
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) continue;
                if (entries.size() >= MAX_ENTRIES)
                    throw new IllegalArgumentException(file + ": more than " + MAX_ENTRIES + " files in the bundle");
                byte[] content = readEntry(file, e.getName(), tar);
                unpacked += content.length;
                if (unpacked > MAX_UNPACKED)
                    throw new IllegalArgumentException(
                            file + ": bundle unpacks to more than " + MAX_UNPACKED / (1024 * 1024) + " MiB");
                entries.put(normalize(e.getName()), content);
            }
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof IllegalArgumentException iae && iae.getMessage().startsWith(file.toString())) throw iae;
            throw new IllegalArgumentException(file + ": corrupt or truncated bundle (not a complete gzipped tar: "
                    + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()) + ")");
        }
        BundleManifest manifest = entries.containsKey(".manifest")
                ? BundleManifest.parse(file, entries.get(".manifest"))
                : BundleManifest.NONE;
        String modulePath = manifest.modulePath();
        byte[] wasm = entries.get(modulePath);
        if (wasm == null)
            throw new IllegalArgumentException(
                    file + ": the bundle has no " + modulePath + " (build it with opa build -t wasm)");
        if (!startsWith(wasm, WASM_MAGIC))
            throw new IllegalArgumentException(file + ": " + modulePath + " is not a wasm module");
        Value data = ObjectValue.EMPTY;
        List<Source> sources = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (base.equals("data.json") || base.equals("data.yaml") || base.equals("data.yml")) {
                String dir = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
                Value doc = DataFiles.parse(Path.of(file + ":" + name), e.getValue());
                manifest.requireDataWithinRoots(file, dir, doc);
                data = DataFiles.deepMerge(data, nest(dir, doc, file, name), Path.of(file + ":" + name));
            } else if (name.endsWith(".rego")) {
                sources.add(new Source(name, new String(e.getValue(), StandardCharsets.UTF_8)));
            }
        }
        return new Bundle(file, digest, wasm, data, manifest, sources);
    }

    /** A data file's document placed at its folder's path: {@code a/b/data.json} becomes {@code data.a.b}. */
    private static Value nest(String dir, Value doc, Path file, String name) {
        if (dir.isEmpty()) {
            if (!(doc instanceof ObjectValue))
                throw new IllegalArgumentException(file + ": " + name + ": data at the root must be an object");
            return doc;
        }
        Value out = doc;
        String[] parts = dir.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            TreeMap<Value, Value> m = new TreeMap<>();
            m.put(StringValue.of(parts[i]), out);
            out = ObjectValue.of(m);
        }
        return out;
    }

    private static String normalize(String name) {
        String n = name;
        while (n.startsWith("/") || n.startsWith("./")) n = n.startsWith("/") ? n.substring(1) : n.substring(2);
        return n;
    }

    private static byte[] readEntry(Path file, String name, InputStream in) throws IOException {
        byte[] content = in.readNBytes((int) MAX_ENTRY + 1);
        if (content.length > MAX_ENTRY)
            throw new IllegalArgumentException(
                    file + ": " + name + " is larger than " + MAX_ENTRY / (1024 * 1024) + " MiB");
        return content;
    }

    private static byte[] readBounded(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such bundle file");
            if (Files.size(file) > MAX_FILE)
                throw new IllegalArgumentException(file + ": larger than " + MAX_FILE / (1024 * 1024) + " MiB");
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (bytes[i] != prefix[i]) return false;
        return true;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(Path file, String name, byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + name + ": malformed JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    public byte[] wasm() {
        return wasm.clone();
    }

    InputStream wasmStream() {
        return new ByteArrayInputStream(wasm);
    }

    public Value data() {
        return data;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    public List<Source> sources() {
        return sources;
    }
}
