package dev.gate.policy.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.Policies;
import dev.gate.policy.PolicyException;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.RuleResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundle contents as OPA lays them out: data files at their paths, --data over them, manifest roots and revision, packages. */
class BundleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path twoPackages(String... flags) throws Exception {
        OpaBuild.write(dir, "src/a.rego", """
                package team.a

                deny contains sprintf("%s is not allowed (owner %s)", [input.name, data.team.owner]) if input.name in data.team.blocked

                warn contains "org says hi" if data.org.greeting == "hi"
                """);
        OpaBuild.write(dir, "src/b.rego", "package team.b\n\ndeny contains \"b always\" if true\n");
        OpaBuild.write(dir, "src/team/data.json", "{\"blocked\": [\"x\"], \"owner\": \"alice\"}");
        return OpaBuild.bundle(
                dir, "two.tar.gz", List.of("team/a/deny", "team/a/warn", "team/b/deny"), List.of(flags), "src");
    }

    @Test
    void bundleDataLiesAtItsPathAndDataFilesMergeOverIt() throws Exception {
        Path bundle = twoPackages("--revision", "2026.12.1");
        Path org = Files.writeString(dir.resolve("org.yaml"), "org:\n  greeting: hi\nteam:\n  owner: bob\n");
        Policies p = Policies.load(List.of(bundle), List.of(org), Policies.Engine.AUTO, null);
        Decision d = p.decide(WasmPoliciesTest.json("{\"name\": \"x\"}"), Optional.empty(), TIMEOUT);
        assertEquals(
                List.of("x is not allowed (owner bob)", "b always"),
                d.failures().stream().map(RuleResult::message).toList(),
                "data.team from the bundle, owner replaced by --data");
        assertEquals(
                List.of("org says hi"),
                d.warnings().stream().map(RuleResult::message).toList());
        assertEquals(
                new Policies.EngineInfo("wasm", Bundle.read(bundle).sha256(), "2026.12.1", List.of("")),
                p.engineInfo());
        assertEquals(List.of(org), p.dataFiles().stream().map(f -> f.path()).toList());
    }

    @Test
    void namespaceSelectsPackagesAndFailsClosedOnAnUnknownOne() throws Exception {
        Policies p = Policies.load(List.of(twoPackages()), List.of(), Policies.Engine.AUTO, null);
        Decision onlyB = p.decide(WasmPoliciesTest.json("{\"name\": \"x\"}"), Optional.of("team.b"), TIMEOUT);
        assertEquals(
                List.of("b always"),
                onlyB.failures().stream().map(RuleResult::message).toList());
        assertEquals(1, onlyB.rules().size());
        PolicyException e = assertThrows(PolicyException.class, () -> p.requireDecisionRules(Optional.of("team.c")));
        assertEquals("no_decision_rules", e.code());
        assertTrue(e.getMessage().contains("no entrypoint of package team.c"), e.getMessage());
    }

    @Test
    void dataOrEntrypointsOutsideTheManifestRootsAreRefused() throws Exception {
        Path bundle = twoPackages();
        Path dataOutside = rewrite(
                bundle,
                "data-outside.tar.gz",
                Map.of(
                        "/.manifest",
                        manifest(bundle).replace("\"roots\":[\"\"]", "\"roots\":[\"team/a\", \"team/b\"]")));
        IllegalArgumentException data = assertThrows(IllegalArgumentException.class, () -> Bundle.read(dataOutside));
        assertEquals(
                dataOutside + ": data at team/blocked lies outside the manifest roots [team/a, team/b]",
                data.getMessage());

        Path entrypointOutside = rewrite(
                bundle,
                "entry-outside.tar.gz",
                Map.of(
                        "/.manifest",
                        manifest(bundle)
                                .replace(
                                        "\"roots\":[\"\"]",
                                        "\"roots\":[\"team/a\", \"team/blocked\", \"team/owner\"]")));
        IllegalArgumentException entry =
                assertThrows(IllegalArgumentException.class, () -> Bundle.read(entrypointOutside));
        assertEquals(
                entrypointOutside
                        + ": entrypoint team/b/deny lies outside the manifest roots [team/a, team/blocked, team/owner]",
                entry.getMessage());

        Path fine = rewrite(
                bundle,
                "roots-ok.tar.gz",
                Map.of("/.manifest", manifest(bundle).replace("\"roots\":[\"\"]", "\"roots\":[\"team\"]")));
        assertEquals(List.of("team"), Bundle.read(fine).manifest().roots());
    }

    @Test
    void aBareModuleRunsWithItsOwnEntrypointsAndNoData() throws Exception {
        OpaBuild.write(dir, "p.rego", "package app\n\ndeny contains \"no\" if input.bad\n");
        Path wasm = OpaBuild.wasmOf(OpaBuild.bundle(dir, List.of("app/deny"), "p.rego"));
        Policies p = Policies.load(List.of(wasm), List.of(), Policies.Engine.AUTO, null);
        assertEquals(
                List.of("no"),
                p.decide(WasmPoliciesTest.json("{\"bad\": true}"), Optional.empty(), TIMEOUT).failures().stream()
                        .map(RuleResult::message)
                        .toList());
        assertEquals("", p.engineInfo().revision());
    }

    @Test
    void aBundleGivenWithOtherPolicyFilesIsRefused() throws Exception {
        Path bundle = twoPackages();
        Path rego = Files.writeString(dir.resolve("x.rego"), "package x\n\ndeny contains 1 if false\n");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Policies.load(List.of(bundle, rego), List.of(), Policies.Engine.AUTO, null));
        assertEquals(bundle + ": a bundle is a whole policy; give it alone, not with " + rego, e.getMessage());
    }

    private static String manifest(Path bundle) throws IOException {
        return entries(bundle).get("/.manifest");
    }

    private static Map<String, String> entries(Path bundle) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(bundle));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null)
                out.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /** The bundle with some files replaced, packed again as opa packs it. */
    private Path rewrite(Path bundle, String name, Map<String, String> replaced) throws IOException {
        Map<String, String> files = entries(bundle);
        files.putAll(replaced);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.ISO_8859_1);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(content.length);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }
}
