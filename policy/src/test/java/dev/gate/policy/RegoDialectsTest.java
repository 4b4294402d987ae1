package dev.gate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.conformance.OpaInstall;
import dev.gate.policy.syntax.RegoVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder holding OPA's {@code .manifest} is read as OPA reads that bundle: {@code rego_version} and
 * {@code file_rego_versions} decide each file's dialect, over the dialect asked for. {@code opa eval --bundle} on the
 * same folder judges every case.
 */
class RegoDialectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same rules in each dialect, so that a file read in the wrong one fails to parse. */
    private static final String V0 = "package %s\n\ndeny[msg] { msg := \"%s\" }\n\nin = 3\n";

    private static final String V1 = "package %s\n\ndeny contains msg if { msg := \"%s\" }\n";
    private static final String V1_BY_IMPORT =
            "package %s\n\nimport rego.v1\n\ndeny contains msg if { msg := \"%s\" }\n";
    private static final String V2 = "package %s\n\ndeny contains msg if { 1 == 1 and 2 == 2; msg := \"%s\" }\n";

    @TempDir
    Path dir;

    @Test
    void theManifestDecidesEachFilesDialectAsOpaDoes() throws Exception {
        Map<String, String> files = new TreeMap<>();
        files.put("a.rego", V0.formatted("a", "a"));
        files.put("v1/b.rego", V1.formatted("b", "b"));
        files.put("v1/deeper/c.rego", V1.formatted("c", "c"));
        files.put("lib/new.rego", V1.formatted("lib.fresh", "new"));
        files.put("lib/imports.rego", V1_BY_IMPORT.formatted("lib.imports", "imported"));
        files.put("x/v2.rego", V2.formatted("x", "two"));
        String manifest = """
                {"rego_version": 0, "file_rego_versions": {"/v1/*.rego": 1, "/lib/new.rego": 1, "/**/v2.rego": 2}}
                """;
        List<String> differences = new ArrayList<>();
        for (RegoVersion asked : List.of(RegoVersion.V0, RegoVersion.V1)) {
            Path bundle = bundle("mixed-" + asked, manifest, files);
            String gate = gate(bundle, asked);
            assertFalse(gate.equals("error"), "gate refused a bundle OPA reads: " + bundle);
            compare(bundle, asked, gate, differences);
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void theManifestWinsOverTheDialectAskedForAndFilesItDoesNotNameTakeThatDialect() throws Exception {
        List<String> differences = new ArrayList<>();
        Map<String, String> v1Files = Map.of("a.rego", V1.formatted("a", "a"));
        Map<String, String> v0Files = Map.of("a.rego", V0.formatted("a", "a"));
        Map<String, String> cases = new TreeMap<>();
        cases.put("v1 over v0", "{\"rego_version\": 1}");
        cases.put("v0 over v1", "{\"rego_version\": 0}");
        cases.put("no version", "{\"revision\": \"r1\"}");
        cases.put("pattern only", "{\"file_rego_versions\": {\"/other.rego\": 0}}");
        cases.put("relative pattern matches nothing", "{\"rego_version\": 0, \"file_rego_versions\": {\"a.rego\": 1}}");
        cases.put("first sorted pattern wins", "{\"file_rego_versions\": {\"/a*\": 0, \"/*\": 1}}");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            for (RegoVersion asked : List.of(RegoVersion.V0, RegoVersion.V1)) {
                for (Map<String, String> files : List.of(v0Files, v1Files)) {
                    Path bundle = bundle(
                            c.getKey().replace(' ', '-') + "-" + asked + "-" + (files == v0Files ? "v0" : "v1"),
                            c.getValue(),
                            files);
                    compare(bundle, asked, gate(bundle, asked), differences);
                }
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void aFolderWithoutManifestAndFilesNamedOneByOneTakeTheDialectAskedFor() throws Exception {
        Path bundle = bundle("one-by-one", "{\"rego_version\": 0}", Map.of("a.rego", V0.formatted("a", "a")));
        assertEquals(
                "error",
                gate(bundle.resolve("a.rego"), RegoVersion.V1),
                "only a folder given whole is read as a bundle");
        Files.delete(bundle.resolve(RegoDialects.MANIFEST));
        assertEquals("error", gate(bundle, RegoVersion.V1));
        assertTrue(gate(bundle, RegoVersion.V0).contains("\"deny\":[\"a\"]"));
    }

    @Test
    void aMalformedManifestIsOneLineNamingTheFileAndField() throws Exception {
        Map<String, String> files = Map.of("a.rego", V1.formatted("a", "a"));
        Map<String, String> expected = new TreeMap<>();
        expected.put("[1]", ".manifest: must be a JSON object");
        expected.put(
                "{\"rego_version\": \"0\"}",
                ".manifest: rego_version must be 0, 1 or 2 (a Rego version), not a string");
        expected.put("{\"rego_version\": 3}", ".manifest: rego_version must be 0, 1 or 2 (a Rego version), not 3");
        expected.put("{\"rego_version\": 1.0}", ".manifest: rego_version must be 0, 1 or 2 (a Rego version), not 1.0");
        expected.put(
                "{\"file_rego_versions\": [\"/a.rego\"]}",
                ".manifest: file_rego_versions must be an object of globs to versions");
        expected.put(
                "{\"file_rego_versions\": {\"/a.rego\": -1}}",
                ".manifest: file_rego_versions \"/a.rego\" must be 0, 1 or 2 (a Rego version), not -1");
        expected.put(
                "{\"file_rego_versions\": {\"/[a.rego\": 1}}",
                ".manifest: file_rego_versions \"/[a.rego\" is not a glob: unclosed '[' in glob \"/[a.rego\"");
        expected.put(
                "{\"file_rego_versions\": {\"\\u001b[2J\": 1}}",
                ".manifest: file_rego_versions \"\\x1b[2J\" is not a glob: unclosed '[' in glob \"\\x1b[2J\"");
        int n = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path bundle = bundle("bad-" + n++, e.getKey(), files);
            IllegalArgumentException thrown = assertThrows(
                    IllegalArgumentException.class,
                    () -> PolicySet.load(List.of(bundle), List.of(), false, null, RegoVersion.V1));
            assertEquals(
                    bundle.resolve(".manifest") + ": " + e.getValue().substring(".manifest: ".length()),
                    thrown.getMessage());
        }
    }

    /** A pattern written to backtrack (each star may take any share of the name) is stopped, not left to run. */
    @Test
    void aBacktrackingPatternIsStoppedAtItsStepBudget() throws Exception {
        String glob = "/" + "*a".repeat(24) + "*b.rego";
        Path bundle = bundle(
                "backtracking",
                "{\"file_rego_versions\": {\"" + glob + "\": 0}}",
                Map.of("a".repeat(60) + ".rego", V1.formatted("a", "a")));
        IllegalArgumentException thrown = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> assertThrows(
                        IllegalArgumentException.class,
                        () -> PolicySet.load(List.of(bundle), List.of(), false, null, RegoVersion.V1)));
        assertEquals(
                bundle.resolve(".manifest") + ": file_rego_versions \"" + glob + "\" takes too long to match \"/"
                        + "a".repeat(60) + ".rego\"",
                thrown.getMessage());
    }

    @Test
    void anOversizedManifestIsRefusedBeforeItIsRead() throws Exception {
        Path bundle = bundle(
                "big",
                "{\"revision\": \"" + "x".repeat((int) RegoDialects.MAX_MANIFEST_BYTES) + "\"}",
                Map.of("a.rego", V1.formatted("a", "a")));
        IllegalArgumentException thrown = assertThrows(
                IllegalArgumentException.class,
                () -> PolicySet.load(List.of(bundle), List.of(), false, null, RegoVersion.V1));
        assertEquals(
                bundle.resolve(".manifest") + ": larger than " + RegoDialects.MAX_MANIFEST_BYTES + " bytes",
                thrown.getMessage());
    }

    private Path bundle(String name, String manifest, Map<String, String> files) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.writeString(root.resolve(RegoDialects.MANIFEST), manifest);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = root.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return root;
    }

    private void compare(Path bundle, RegoVersion asked, String gate, List<String> differences) throws Exception {
        String opa = opa(bundle, asked);
        if (!opa.equals(gate))
            differences.add(bundle.getFileName() + " read as " + asked + ": opa " + opa + ", gate " + gate);
    }

    /** {@code data} as gate loads the folder, canonical JSON, or {@code error} when it refuses the policies. */
    private static String gate(Path policies, RegoVersion asked) {
        try {
            PolicySet set = PolicySet.load(List.of(policies), List.of(), false, null, asked);
            return JSON.readTree(set.query("data", null, PolicyEngine.Options.defaults())
                            .get(0)
                            .expressions()
                            .get(0)
                            .toJson())
                    .toString();
        } catch (PolicyException e) {
            return "error";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String opa(Path bundle, RegoVersion asked) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(OpaInstall.binary().toString(), "eval", "-f", "json", "--bundle", bundle.toString()));
        if (asked == RegoVersion.V0) command.add("--v0-compatible");
        command.add("data");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) throw new IllegalStateException("opa did not finish");
        if (process.exitValue() != 0) return "error";
        JsonNode result = JSON.readTree(out);
        return result.at("/result/0/expressions/0/value").toString();
    }
}
