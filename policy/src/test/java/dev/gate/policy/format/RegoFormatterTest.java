package dev.gate.policy.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.conformance.ConformanceCase;
import dev.gate.policy.conformance.OpaInstall;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.SyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate's formatter against {@code opa fmt}: the same bytes, for v1 modules and for v0 ones rewritten with --rego-v1. */
class RegoFormatterTest {

    private static final Path ROOT =
            Path.of(System.getProperty("gate.root", "..")).toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aV0ModuleIsRewrittenAsV1AsOpaFmtRegoV1Does() {
        String v0 = """
                package x
                import future.keywords.in
                import data.b
                import data.a  # trailing

                # comment before p
                default allow = false
                allow { count(deny) == 0 }
                deny[msg] { x := 1 + 2 * 3; y := (1 + 2) * 3
                  msg := sprintf("%d", [x + y]) }
                q[k] = v { v := {"a": 1, "b": [1,2,
                3]}[k] }
                f(x) = y { y := x } else = 2 { true }
                """;
        // What opa fmt --rego-v1 (OPA 1.22.4) prints for it.
        String expected = """
                package x

                import data.a # trailing
                import data.b
                import rego.v1

                # comment before p
                default allow := false

                allow if count(deny) == 0

                deny contains msg if {
                \tx := 1 + (2 * 3)
                \ty := (1 + 2) * 3
                \tmsg := sprintf("%d", [x + y])
                }

                q[k] := v if v := {"a": 1, "b": [
                \t1, 2,
                \t3,
                ]}[k]

                f(x) := y if y := x

                else := 2
                """;
        assertEquals(expected, RegoFormatter.format(new Source("a.rego", v0), RegoVersion.V0, true));
    }

    @Test
    void aV0ModuleStaysV0AsOpaFmtV0CompatibleWritesIt() {
        String v0 = """
                package x
                import future.keywords.in
                default allow = false
                allow { input.user == "admin" }
                deny[msg] { input.image.tag in {"latest"}; msg := "no latest" }
                f(x) = y { y := x + 1 }
                t.u = 1
                p := 1
                q { true } else = false { false }
                """;
        // What opa fmt --v0-compatible (OPA 1.22.4) prints for it.
        String expected = """
                package x

                import future.keywords.in

                default allow = false

                allow {
                	input.user == "admin"
                }

                deny[msg] {
                	input.image.tag in {"latest"}
                	msg := "no latest"
                }

                f(x) = y {
                	y := x + 1
                }

                t["u"] = 1

                p := 1

                q {
                	true
                }

                else = false {
                	false
                }
                """;
        assertEquals(expected, RegoFormatter.format(new Source("a.rego", v0), RegoVersion.V0, false));
        String refHeads = "package x\n\nt.u = 1\n\ny.z[a] {\n\ta := 1\n}\n";
        assertEquals(refHeads, RegoFormatter.format(new Source("b.rego", refHeads), RegoVersion.V0, false));
    }

    @Test
    void v1ModulesAreWrittenAsOpaFmtWritesThem() {
        // and/or operands and not bodies keep their braces or parentheses; nested bodies, with clauses and collections
        // keep their lines and comments; template strings, numbers, set members, keywords in brackets and implied
        // values are written as OPA reads them.
        String v1 = """
                package t

                import future.keywords.and
                import future.keywords.not
                import future.keywords.or

                p if {
                \t{ input.a or input.b } and { input.c or input.d }
                \tinput.a or { input.b and { input.c or input.d } }
                \t(input.x or input.y) and input.z
                \tinput.a and
                \t  { input.b; input.c }
                \tnot (input.a or input.b)
                \tnot {
                \t\tinput.a # first
                \t\t# on a line of its own
                \t\tinput.b
                \t}
                \t{ input.q with input.a as 1 } and input.r
                \tx := [y |
                \t\ty := 1 # after y
                \t]
                \tinput.s with input.b as 1
                \t\twith input.c as 2 # after c
                }

                q := x if {
                \tx := [-0, .5, 3.50]
                \ts := {3.5, 3.50, 35e-1}
                \tk := input["not"]
                \tt := $"{1}, {"{a}"} and {input.x with input as {"x" : 1}}"
                \to := {
                \t\t"a": [1, 2]}
                }

                r := true if input.x

                f(x) := true if x > 1

                obj[k] := true if some k in input.ks
                """;
        // What opa fmt (OPA 1.22.4) prints for it.
        String expected = """
                package t

                import future.keywords.and
                import future.keywords.not
                import future.keywords.or

                p if {
                \t{ input.a or input.b } and { input.c or input.d }
                \tinput.a or { input.b and { input.c or input.d } }
                \t(input.x or input.y) and input.z
                \tinput.a and
                \t\t{ input.b; input.c }
                \tnot (input.a or input.b)
                \tnot {
                \t\tinput.a # first

                \t\t# on a line of its own
                \t\tinput.b
                \t}
                \t{ input.q with input.a as 1 } and input.r
                \tx := [y |
                \t\ty := 1 # after y
                \t]
                \tinput.s with input.b as 1
                \t\twith input.c as 2 # after c
                }

                q := x if {
                \tx := [-0, .5, 3.50]
                \ts := {3.5}
                \tk := input["not"]
                \tt := $"1, \\{a} and {input.x with input as {"x": 1}}"
                \to := {
                \t\t"a": [1, 2],
                \t}
                }

                r if input.x

                f(x) if x > 1

                obj[k] := true if some k in input.ks
                """;
        assertEquals(expected, RegoFormatter.format(new Source("a.rego", v1), RegoVersion.V1, false));
    }

    @Test
    void aV0RuleLeavesOutAValueOfTrueUnlessItIsAnEntryAsOpaFmtV0CompatibleDoes() {
        String v0 = "package t\n\np = true { input.x }\n\nq[x] = true { x := input.y }\n\nr.s = true { input.z }\n";
        // What opa fmt --v0-compatible (OPA 1.22.4) prints for it.
        String expected =
                "package t\n\np {\n\tinput.x\n}\n\nq[x] = true {\n\tx := input.y\n}\n\nr[\"s\"] = true {\n\tinput.z\n}\n";
        assertEquals(expected, RegoFormatter.format(new Source("a.rego", v0), RegoVersion.V0, false));
    }

    @Test
    void aV0ModuleRewrittenAsV1KeepsTwoPartHeadsInBracketsAndNeedsNoRegoV1BesideRegoV2() {
        // What opa fmt --rego-v1 (OPA 1.22.4) prints for them.
        String heads = "package t\n\nr[\"a\"] = 1\n\nr.b = 2 { input.x }\n";
        assertEquals(
                "package t\n\nimport rego.v1\n\nr[\"a\"] := 1\n\nr[\"b\"] := 2 if input.x\n",
                RegoFormatter.format(new Source("a.rego", heads), RegoVersion.V0, true));
        String v2 = "package t\nimport rego.v2\n\np if { input.a or input.b }\n";
        assertEquals(
                "package t\n\nimport rego.v2\n\np if input.a or input.b\n",
                RegoFormatter.format(new Source("b.rego", v2), RegoVersion.V0, true));
    }

    @Test
    void aV0ElseChainKeepsItsBodiesButALastBodyOfTrueAsOpaFmtDoes() {
        String v0 = """
                package t

                p {
                	true
                } else = 1 {
                	true
                } else = 2 {
                	input.x
                } else {
                	true
                }

                q { false } else = 3 { true }

                r { true }

                f(x) = y { y := x } # comment
                """;
        // What opa fmt --v0-compatible (OPA 1.22.4) prints for it.
        String keptV0 = """
                package t

                p {
                	true
                } else = 1 {
                	true
                } else = 2 {
                	input.x
                } else = true

                q {
                	false
                }

                else = 3

                r = true

                f(x) = y { # comment
                	y := x
                }
                """;
        // What opa fmt --v0-compatible --rego-v1 (OPA 1.22.4) prints for it.
        String rewritten = """
                package t

                import rego.v1

                p if {
                	true
                } else := 1 if {
                	true
                } else := 2 if {
                	input.x
                } else := true

                q if false

                else := 3

                r := true

                f(x) := y if y := x # comment
                """;
        assertEquals(keptV0, RegoFormatter.format(new Source("a.rego", v0), RegoVersion.V0, false));
        assertEquals(rewritten, RegoFormatter.format(new Source("a.rego", v0), RegoVersion.V0, true));
    }

    @Test
    void aV0RefHeadWithoutValueIsWrittenWithEqualsTrueAsOpaFmtV0CompatibleDoes() {
        String v0 = "package t\n\nimport future.keywords.if\n\na.b.c if true\n\nd.e := 1\n";
        // What opa fmt --v0-compatible and opa fmt --v0-compatible --rego-v1 (OPA 1.22.4) print for it.
        assertEquals(
                "package t\n\nimport future.keywords.if\n\na.b.c = true\n\nd.e := 1\n",
                RegoFormatter.format(new Source("a.rego", v0), RegoVersion.V0, false));
        assertEquals(
                "package t\n\nimport rego.v1\n\na.b.c := true\n\nd.e := 1\n",
                RegoFormatter.format(new Source("a.rego", v0), RegoVersion.V0, true));
    }

    @Test
    void anElseOnTheLineOfTheBodyBeforeItIsSetApartAsOpaFmtDoes() {
        String v1 = "package a\n\np if { input.a; input.b } else := 1 if { input.x; input.z } else := 2\n";
        // What opa fmt (OPA 1.22.4) prints for it.
        String expected =
                "package a\n\np if {\n\tinput.a\n\tinput.b\n}\n\nelse := 1 if {\n\tinput.x\n\tinput.z\n}\n\nelse := 2\n";
        assertEquals(expected, RegoFormatter.format(new Source("a.rego", v1), RegoVersion.V1, false));
    }

    @Test
    void theShippedPoliciesAreFormattedByteForByteAsOpaFmt() throws Exception {
        Path opa = OpaInstall.binary();
        List<Path> files;
        try (Stream<Path> s = Files.list(ROOT.resolve("policies"))) {
            files = s.filter(f -> f.toString().endsWith(".rego")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "shipped policies: " + files);
        for (Path f : files) {
            String text = Files.readString(f);
            assertEquals(
                    opaFmt(opa, f),
                    RegoFormatter.format(new Source(f.toString(), text), RegoVersion.V1, false),
                    f.toString());
        }
    }

    /**
     * OPA's v0 conformance modules kept v0 as {@code opa fmt --v0-compatible} writes them: every module agrees but
     * those on the checked-in list of known differences, which only shrinks.
     */
    @Test
    void opasV0ConformanceModulesAreFormattedAsOpaFmtV0CompatibleFormatsThem() throws Exception {
        assertAgreesWithOpaFmt("v0", RegoVersion.V0, false, "fmt-differences-opa-v0.txt", 1_500);
    }

    /**
     * OPA's v0 conformance modules rewritten as v1 as {@code opa fmt --v0-compatible --rego-v1} rewrites them: every
     * module agrees but those on the checked-in list of known differences, which only shrinks.
     */
    @Test
    void opasV0ConformanceModulesAreRewrittenAsOpaFmtRegoV1RewritesThem() throws Exception {
        assertAgreesWithOpaFmt("v0", RegoVersion.V0, true, "fmt-differences-opa-v0-rego-v1.txt", 1_500);
    }

    /** OPA's v1 conformance modules formatted as {@code opa fmt} formats them, but those on the list of known differences. */
    @Test
    void opasV1ConformanceModulesAreFormattedAsOpaFmtFormatsThem() throws Exception {
        assertAgreesWithOpaFmt("v1", RegoVersion.V1, false, "fmt-differences-opa-v1.txt", 2_500);
    }

    /**
     * Every module of one dialect's conformance cases that opa fmt formats comes out of gate's formatter the same,
     * but those on the checked-in list of known differences (case file, note, module index); a listed module that
     * agrees fails the test too, so the list only shrinks. A module gate's syntax refuses counts as a difference.
     */
    private void assertAgreesWithOpaFmt(
            String dialect, RegoVersion version, boolean regoV1, String knownList, int atLeast) throws Exception {
        Set<String> known = new TreeSet<>();
        try (var in = RegoFormatterTest.class.getResourceAsStream("/" + knownList)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) known.add(line.strip());
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> modules = new ArrayList<>();
        for (ConformanceCase c : ConformanceCase.loadAll(OpaInstall.cases(dialect))) {
            for (int i = 0; i < c.modules().size(); i++) {
                ids.add(c.file().getFileName() + " " + c.note() + " #" + i);
                modules.add(c.modules().get(i));
            }
        }
        List<String> theirs = opaFmtAll(OpaInstall.binary(), modules, version == RegoVersion.V0, regoV1);
        List<String> differences = new ArrayList<>();
        Set<String> nowAgreeing = new TreeSet<>();
        int compared = 0;
        for (int i = 0; i < modules.size(); i++) {
            if (theirs.get(i) == null) continue;
            compared++;
            String ours;
            try {
                ours = RegoFormatter.format(new Source("m.rego", modules.get(i)), version, regoV1);
            } catch (SyntaxException refused) {
                ours = null;
            }
            boolean same = theirs.get(i).equals(ours);
            if (!same && !known.contains(ids.get(i))) differences.add(ids.get(i));
            if (same && known.contains(ids.get(i))) nowAgreeing.add(ids.get(i));
        }
        assertTrue(compared >= atLeast, "compared " + compared);
        assertTrue(differences.isEmpty(), "formatted otherwise than opa fmt:\n" + String.join("\n", differences));
        assertTrue(
                nowAgreeing.isEmpty(),
                "agree now, remove them from " + knownList + ":\n" + String.join("\n", nowAgreeing));
    }

    /**
     * What opa fmt prints for each module, or null where it refuses one: the modules are written to files that a few
     * {@code opa fmt -w} runs rewrite in place; a run stops at the first file opa refuses (its error names the file),
     * and the next run starts after it.
     */
    private List<String> opaFmtAll(Path opa, List<String> modules, boolean v0, boolean regoV1) throws Exception {
        Path batch = Files.createDirectories(dir.resolve("batch"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            files.add(Files.writeString(batch.resolve(String.format("m%05d.rego", i)), modules.get(i)));
        }
        boolean[] refused = new boolean[files.size()];
        int next = 0;
        while (next < files.size()) {
            List<String> command = new ArrayList<>(List.of(opa.toString(), "fmt", "-w"));
            if (v0) command.add("--v0-compatible");
            if (regoV1) command.add("--rego-v1");
            int end = Math.min(files.size(), next + 500);
            for (Path f : files.subList(next, end)) command.add(f.toString());
            Process p = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) throw new IllegalStateException("opa fmt did not finish");
            if (p.exitValue() == 0) {
                next = end;
                continue;
            }
            int failed = -1;
            for (int i = next; i < end && failed < 0; i++) {
                if (err.contains(files.get(i).getFileName().toString())) failed = i;
            }
            if (failed < 0) throw new IllegalStateException("opa fmt failed without naming a file: " + err);
            refused[failed] = true;
            next = failed + 1;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) out.add(refused[i] ? null : Files.readString(files.get(i)));
        return out;
    }

    /** What opa fmt prints, or null when it refuses the module. */
    private static String opaFmt(Path opa, Path file) throws Exception {
        List<String> command = List.of(opa.toString(), "fmt", file.toString());
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES)) throw new IllegalStateException("opa fmt did not finish");
        return p.exitValue() == 0 ? out : null;
    }
}
