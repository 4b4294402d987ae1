package dev.gate.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.distribution.UnpackedDistribution;
import dev.gate.distribution.UnpackedDistribution.Result;
import dev.gate.image.testing.JudgeTools;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.image.testing.TestMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate's own container image through gate's documented release flow: jib's OCI archive gated by {@code gate push
 * --policy policies/prod.rego} with an advisory database (no waiver), signed and pushed to a registry, then checked by
 * {@code gate verify --policy}, by skopeo and cosign, and run: pulled back, unpacked by umoci, and started in a chroot of
 * its own root, which holds no JDK, as the image's user.
 */
class ContainerImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void gateGatesSignsPushesAndVerifiesItsOwnImage() throws Exception {
        Path archive = Path.of(System.getProperty("gate.image"));
        String registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        Path osv = TestMaterial.shared("osv");
        Path cosign = JudgeTools.require("cosign");
        UnpackedDistribution gate = UnpackedDistribution.unpack(Path.of(System.getProperty("gate.distribution")), dir);
        String version = System.getProperty("gate.version");
        Map<String, String> env = Map.of("COSIGN_PASSWORD", "release");
        String policy = gate.home.resolve("policies/prod.rego").toString();
        String data = gate.home.resolve("policies/data.example.yaml").toString();

        assertEquals(
                0,
                gate.gate(dir, env, "", "key", "generate", "--output-key-prefix", "release")
                        .code());
        Result imported = gate.gate(dir, env, "", "db", "import", osv.toString(), "--db", "osv.db");
        assertEquals(0, imported.code(), imported.toString());
        // The registry's own naming rule asks for lowercase tags: 0.1.0-SNAPSHOT goes up as 0.1.0-snapshot.
        String image = registry + "/gate-" + UUID.randomUUID().toString().substring(0, 8) + "/gate:"
                + version.toLowerCase(Locale.ROOT);
        Result push = gate.gate(
                dir,
                env,
                "",
                "push",
                "--policy",
                policy,
                "--data",
                data,
                "--db",
                "osv.db",
                "--key",
                "release.key",
                "oci-archive:" + archive,
                image);
        assertEquals(0, push.code(), push.toString());
        assertTrue(push.out().contains("ALLOWED"), push.out());
        String digest =
                Files.readString(archive.resolveSibling("jib-image.digest")).strip();
        assertTrue(push.out().contains(digest), "pushed as jib built it, " + digest + ":\n" + push.out());

        Result verify = gate.gate(
                dir,
                env,
                "",
                "verify",
                "--key",
                "release.pub",
                "--policy",
                policy,
                "--data",
                data,
                "--db",
                "osv.db",
                image);
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("policy re-evaluation: PASSED"), verify.out());

        JsonNode inspected = JSON.readTree(run(dir, "skopeo", "inspect", "--tls-verify=false", "docker://" + image));
        assertEquals(digest, inspected.get("Digest").asText());
        JsonNode config = JSON.readTree(
                        run(dir, "skopeo", "inspect", "--config", "--tls-verify=false", "docker://" + image))
                .get("config");
        assertEquals("[\"/opt/gate/bin/gate\"]", config.get("Entrypoint").toString());
        assertEquals("65534:65534", config.get("User").asText());
        assertEquals(
                version, config.at("/Labels/org.opencontainers.image.version").asText());
        String verified = run(
                dir,
                cosign.toString(),
                "verify",
                "--key",
                "release.pub",
                "--insecure-ignore-tlog",
                "--allow-http-registry",
                image);
        assertTrue(verified.contains(digest), verified);

        Path rootfs = unpacked(gate, image);
        assertFalse(
                Files.exists(rootfs.resolve("usr/lib/jvm")) || Files.exists(rootfs.resolve("usr/bin/java")),
                "no JDK in the image");
        assertEquals("gate " + version + "\n", inChroot(rootfs, "--version"));
        assertTrue(
                inChroot(rootfs, "policy", "test", "/opt/gate/policies").contains("PASS"),
                "the shipped policies' tests pass in the image");
    }

    /** The pushed image pulled back by gate into a layout, and its root unpacked by umoci. */
    private Path unpacked(UnpackedDistribution gate, String image) throws Exception {
        Result pulled = gate.gate(dir, Map.of(), "", "copy", image, "oci:" + dir.resolve("pulled") + ":gate");
        assertEquals(0, pulled.code(), pulled.toString());
        run(
                dir,
                "umoci",
                "unpack",
                "--image",
                dir.resolve("pulled") + ":gate",
                dir.resolve("bundle").toString());
        Path rootfs = dir.resolve("bundle/rootfs");
        // Mount points a container runtime would make: the base root was packed without them.
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        return rootfs;
    }

    /**
     * gate started as the image starts it, in a chroot of the image's root as the image's user, with /proc and /dev from
     * the host as a container runtime provides them (the dynamic loader finds the runtime's libraries through
     * /proc/self/exe), and a class-data archive that must fit.
     */
    private String inChroot(Path rootfs, String... args) throws Exception {
        String mounts = "mount --rbind /proc \"$1/proc\" && mount --rbind /dev \"$1/dev\" && shift && "
                + "root=\"$(command -v chroot)\" && exec env -i PATH=/usr/bin:/bin GATE_JAVA_OPTS=-Xshare:on \"$root\" --userspec=65534:65534 \"$@\"";
        List<String> command = new java.util.ArrayList<>(List.of(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                mounts,
                "chroot-gate",
                rootfs.toString(),
                rootfs.toString(),
                "/opt/gate/bin/gate"));
        command.addAll(List.of(args));
        return run(dir, command.toArray(String[]::new));
    }

    /** A judge or system tool; skips visibly (fails under CI) when it is not installed, fails the test when it fails. */
    private static String run(Path cwd, String... command) throws Exception {
        if (!command[0].contains("/") && !onPath(command[0])) {
            TestMaterial.missing(command[0] + " is not installed (.ci/run installs it)");
        }
        Process process = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
