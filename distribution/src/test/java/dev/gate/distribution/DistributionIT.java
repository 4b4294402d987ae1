package dev.gate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.distribution.UnpackedDistribution.Result;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.image.testing.TestMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate-VERSION-linux-x64.tar.gz as a CI job meets it: unpacked anywhere, run with no JDK on PATH and no JAVA_HOME, on
 * the runtime and class-data archive it carries, gating the bundled sample image with the policies it ships.
 */
class DistributionIT {

    private static final Path ROOT = Path.of(System.getProperty("gate.root", ".."));
    private static final String SAMPLE = "oci:" + ROOT.resolve("testdata/sample") + ":1.0.0";
    private static final String SAMPLE_DIGEST =
            "sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440";
    /** The JVM refuses to start, rather than run without it, when the class-data archive does not fit. */
    private static final Map<String, String> ARCHIVE_REQUIRED = Map.of("GATE_JAVA_OPTS", "-Xshare:on");

    @TempDir
    static Path dir;

    static UnpackedDistribution gate;

    @BeforeAll
    static void unpack() throws Exception {
        gate = UnpackedDistribution.unpack(Path.of(System.getProperty("gate.distribution")), dir);
    }

    @Test
    void theRuntimeHoldsTheModulesGateNeedsAndNoDevelopmentTools() throws Exception {
        String release = Files.readString(gate.home.resolve("runtime/release"));
        String modules = release.lines()
                .filter(l -> l.startsWith("MODULES="))
                .findFirst()
                .orElseThrow();
        Set<String> names = Set.of(
                modules.substring("MODULES=\"".length(), modules.length() - 1).split(" "));
        assertTrue(
                names.containsAll(List.of("java.base", "java.net.http", "java.sql", "jdk.crypto.ec", "jdk.httpserver")),
                modules);
        for (String tooling : List.of("jdk.compiler", "jdk.jlink", "jdk.jdeps", "jdk.jshell", "jdk.jdi", "jdk.jfr")) {
            assertFalse(names.contains(tooling), tooling + " in " + modules);
        }
        assertFalse(Files.exists(gate.home.resolve("runtime/include")), "--no-header-files");
        assertFalse(Files.exists(gate.home.resolve("runtime/man")), "--no-man-pages");
        assertFalse(Files.exists(gate.home.resolve("runtime/bin/javac")));
        assertTrue(Files.isExecutable(gate.home.resolve("bin/gate")));
        assertTrue(Files.isRegularFile(gate.home.resolve("app/gate.jsa")));
        assertTrue(Files.isRegularFile(gate.home.resolve("policies/prod.rego")));
    }

    @Test
    void runsWithoutAJdkFromAnyFolderAndThroughASymbolicLink() throws Exception {
        Result java = gate.shell(dir, Map.of(), "", List.of("bash", "-c", "type java"));
        assertNotEquals(0, java.code(), "no java on the PATH the distribution runs with: " + java);

        Result version = gate.gate(dir, ARCHIVE_REQUIRED, "", "--version");
        assertEquals(0, version.code(), version.toString());
        assertEquals("gate " + System.getProperty("gate.version") + "\n", version.out());

        Files.createSymbolicLink(gate.path.resolve("gate"), gate.home.resolve("bin/gate"));
        Result linked = gate.shell(Path.of("/"), ARCHIVE_REQUIRED, "", List.of("bash", "-c", "gate --version"));
        assertEquals(0, linked.code(), linked.toString());
        assertEquals(version.out(), linked.out());
    }

    @Test
    void catalogsTheBundledSampleImage() throws Exception {
        Result sbom = gate.gate(dir, ARCHIVE_REQUIRED, "", "sbom", SAMPLE, "-o", "sample.cdx.json");
        assertEquals(0, sbom.code(), sbom.toString());
        JsonNode bom =
                new ObjectMapper().readTree(dir.resolve("sample.cdx.json").toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        List<String> purls = new ArrayList<>();
        bom.path("components").forEach(c -> purls.add(c.path("purl").asText()));
        for (String pkg : List.of("base-files", "libssl3", "zlib1g")) {
            assertTrue(purls.stream().anyMatch(p -> p.startsWith("pkg:deb/debian/" + pkg + "@")), pkg + " in " + purls);
        }
    }

    @Test
    void gatesSignsAndVerifiesTheSampleWithTheShippedPolicies() throws Exception {
        Map<String, String> env = Map.of("COSIGN_PASSWORD", "distribution-test", "GATE_JAVA_OPTS", "-Xshare:on");
        Result keys = gate.gate(dir, env, "", "key", "generate", "--output-key-prefix", "layout-release");
        assertEquals(0, keys.code(), keys.toString());
        String name = "registry.example.com/demo/sample:1.0.0";
        String out = "oci:" + dir.resolve("gated") + ":1.0.0";
        Result push = gate.gate(
                dir,
                env,
                "",
                "push",
                "--policy",
                policy("prod.rego"),
                "--data",
                policy("data.example.yaml"),
                "--key",
                "layout-release.key",
                "--no-scan",
                "--waivers",
                ROOT.resolve("testdata/waivers/unscanned.yaml").toString(),
                "--name",
                name,
                SAMPLE,
                out);
        assertEquals(0, push.code(), push.toString());
        assertTrue(push.out().contains("ALLOWED"), push.out());
        Result verify = gate.gate(dir, env, "", "verify", "--key", "layout-release.pub", "--name", name, out);
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(
                verify.out().contains("verified attestation https://gate.dev/attestation/decision/v1"), verify.out());
    }

    @Test
    void logsInGatesAndVerifiesAtATlsRegistry() throws Exception {
        String registry = LoopbackServices.require("GATE_REGISTRY_TLS");
        String ca = LoopbackServices.require("GATE_REGISTRY_CA");
        Map<String, String> env = Map.of(
                "COSIGN_PASSWORD",
                "distribution-test",
                "REGISTRY_AUTH_FILE",
                dir.resolve("auth.json").toString());
        String password = LoopbackServices.require("GATE_REGISTRY_PASSWORD");
        Result login = gate.gate(
                dir,
                env,
                password + "\n",
                "login",
                "--registry-ca",
                ca,
                "--username",
                LoopbackServices.require("GATE_REGISTRY_USER"),
                "--password-stdin",
                registry);
        assertEquals(0, login.code(), login.toString());
        assertFalse(login.toString().contains(password), "the password is never printed: " + login);
        assertEquals(
                0,
                gate.gate(dir, env, "", "key", "generate", "--output-key-prefix", "registry-release")
                        .code());
        String image = registry + "/distribution/sample:1.0.0";
        Result push = gate.gate(
                dir,
                env,
                "",
                "push",
                "--registry-ca",
                ca,
                "--policy",
                policy("prod.rego"),
                "--data",
                policy("data.example.yaml"),
                "--key",
                "registry-release.key",
                "--no-scan",
                "--waivers",
                ROOT.resolve("testdata/waivers/unscanned.yaml").toString(),
                SAMPLE,
                image);
        assertEquals(0, push.code(), push.toString());
        assertTrue(push.out().contains(SAMPLE_DIGEST), "the image keeps its digest: " + push.out());
        // Would it pass today: the policies again, over the attested SBOM scanned against an advisory database.
        Result imported = gate.gate(
                dir, env, "", "db", "import", TestMaterial.shared("osv").toString(), "--db", "osv.db");
        assertEquals(0, imported.code(), imported.toString());
        Result verify = gate.gate(
                dir,
                env,
                "",
                "verify",
                "--registry-ca",
                ca,
                "--key",
                "registry-release.pub",
                "--policy",
                policy("prod.rego"),
                "--data",
                policy("data.example.yaml"),
                "--db",
                "osv.db",
                image);
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("policy re-evaluation: PASSED"), verify.out());
    }

    private static String policy(String file) {
        return gate.home.resolve("policies").resolve(file).toString();
    }
}
