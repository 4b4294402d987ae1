package dev.gate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.builtins.support.Glob;
import dev.gate.policy.builtins.support.GoQuote;
import dev.gate.policy.syntax.RegoVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Rego dialect of each policy file, decided as OPA decides it for a bundle. A folder given as a policy path that
 * holds OPA's {@code .manifest} is a bundle: the manifest's {@code rego_version} (0, 1 or 2) is the dialect of its
 * files, and {@code file_rego_versions} overrides it file by file. Each of its keys is a glob (gobwas syntax, where
 * {@code *} also crosses {@code /}) over the file's path in the bundle ({@code /lib/util.rego}); they are tried in
 * sorted order and the first that matches decides. A file the manifest says nothing of, and any file outside such a
 * folder, is read in the dialect asked for. Whatever the dialect, a module that imports {@code rego.v1} is v1 (the
 * parser sees to that).
 *
 * <p>A manifest comes from the working directory or a registry, so it is read bounded and each file's match is
 * bounded in steps: a pattern written to backtrack cannot stall the load.
 */
public final class RegoDialects {
    public static final String MANIFEST = ".manifest";
    static final long MAX_MANIFEST_BYTES = 1024 * 1024;
    static final int MAX_PATTERNS = 1_000;
    /** Steps of the regex engine for one file over all patterns: far beyond any honest pattern and path. */
    static final int MATCH_STEPS = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegoVersion fallback;
    private final List<Manifest> manifests;

    private RegoDialects(RegoVersion fallback, List<Manifest> manifests) {
        this.fallback = fallback;
        this.manifests = List.copyOf(manifests);
    }

    /**
     * The dialects of the files under {@code policyPaths}: the folders among them that hold a {@code .manifest} decide
     * for their files, {@code fallback} for the rest. A malformed manifest is an {@link IllegalArgumentException}
     * naming it and the field.
     */
    public static RegoDialects of(List<Path> policyPaths, RegoVersion fallback) {
        List<Manifest> found = new ArrayList<>();
        for (Path p : policyPaths) {
            if (Files.isRegularFile(p.resolve(MANIFEST)))
                found.add(Manifest.read(p, p.resolve(MANIFEST).toString()));
        }
        return new RegoDialects(fallback, found);
    }

    /**
     * Reads and checks the manifest of a bundle folder, when it has one, so that a malformed one goes no further; its
     * errors name it {@code shownAs} (a folder unpacked from a registry is better named after the bundle's reference).
     */
    public static void checkManifest(Path folder, String shownAs) {
        if (Files.isRegularFile(folder.resolve(MANIFEST))) Manifest.read(folder, shownAs);
    }

    /** The dialect {@code file} is read in. */
    public RegoVersion versionOf(Path file) {
        Path f = file.toAbsolutePath().normalize();
        for (Manifest m : manifests) {
            if (f.startsWith(m.root())) {
                RegoVersion v =
                        m.versionOf("/" + m.root().relativize(f).toString().replace('\\', '/'));
                return v != null ? v : fallback;
            }
        }
        return fallback;
    }

    /** A manifest's say on dialects: its folder, its {@code rego_version} (null if none) and its patterns in order. */
    private record Manifest(String file, Path root, RegoVersion regoVersion, List<FilePattern> patterns) {

        record FilePattern(String glob, Pattern regex, RegoVersion version) {}

        static Manifest read(Path folder, String file) {
            JsonNode root = json(folder.resolve(MANIFEST), file);
            if (!root.isObject()) throw bad(file, "must be a JSON object");
            RegoVersion regoVersion = root.path("rego_version").isNull()
                            || root.path("rego_version").isMissingNode()
                    ? null
                    : version(file, "rego_version", root.get("rego_version"));
            JsonNode byFile = root.path("file_rego_versions");
            List<FilePattern> patterns = new ArrayList<>();
            if (!byFile.isMissingNode() && !byFile.isNull()) {
                if (!byFile.isObject()) throw bad(file, "file_rego_versions must be an object of globs to versions");
                if (byFile.size() > MAX_PATTERNS)
                    throw bad(file, "file_rego_versions has more than " + MAX_PATTERNS + " patterns");
                for (Iterator<Map.Entry<String, JsonNode>> it = byFile.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String field = "file_rego_versions " + GoQuote.quote(e.getKey());
                    RegoVersion v = version(file, field, e.getValue());
                    try {
                        patterns.add(new FilePattern(e.getKey(), Glob.compile(e.getKey(), List.of()), v));
                    } catch (IllegalArgumentException invalid) {
                        // The message holds the pattern as written: quoted here, so that no raw control character is
                        // printed.
                        throw bad(
                                file,
                                field + " is not a glob: "
                                        + invalid.getMessage().replace(e.getKey(), GoQuote.quote(e.getKey())));
                    }
                }
            }
            // OPA sorts the keys as Go compares strings, byte by byte in UTF-8.
            patterns.sort((a, b) -> Arrays.compareUnsigned(
                    a.glob().getBytes(StandardCharsets.UTF_8), b.glob().getBytes(StandardCharsets.UTF_8)));
            return new Manifest(file, folder.toAbsolutePath().normalize(), regoVersion, patterns);
        }

        /** The manifest's dialect for a file at {@code bundlePath}, or null when it says nothing of it. */
        RegoVersion versionOf(String bundlePath) {
            StepBudget path = new StepBudget(bundlePath, new int[] {MATCH_STEPS});
            for (FilePattern p : patterns) {
                try {
                    if (p.regex().matcher(path).matches()) return p.version();
                } catch (StepBudget.Exhausted e) {
                    throw bad(
                            file,
                            "file_rego_versions " + GoQuote.quote(p.glob()) + " takes too long to match "
                                    + GoQuote.quote(bundlePath));
                }
            }
            return regoVersion;
        }

        private static JsonNode json(Path path, String file) {
            try {
                if (Files.size(path) > MAX_MANIFEST_BYTES)
                    throw bad(file, "larger than " + MAX_MANIFEST_BYTES + " bytes");
                return JSON.readTree(Files.readAllBytes(path));
            } catch (IOException e) {
                throw bad(
                        file,
                        "not readable JSON: "
                                + e.getMessage().lines().findFirst().orElse(""));
            }
        }

        private static RegoVersion version(String file, String field, JsonNode value) {
            RegoVersion v = value.isIntegralNumber() && value.canConvertToLong()
                    ? RegoVersion.ofManifest(value.longValue())
                    : null;
            if (v == null) throw bad(file, field + " must be 0, 1 or 2 (a Rego version), not " + shown(value));
            return v;
        }

        private static String shown(JsonNode value) {
            if (!value.isNumber()) return "a " + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
            String number = value.asText();
            return number.length() > 20 ? number.substring(0, 20) + "..." : number;
        }

        private static IllegalArgumentException bad(String file, String why) {
            return new IllegalArgumentException(file + ": " + why);
        }
    }

    /** The text a pattern is matched against, counting the regex engine's reads and stopping it at the budget. */
    private record StepBudget(String text, int[] left) implements CharSequence {
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) throw new Exhausted();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new StepBudget(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
