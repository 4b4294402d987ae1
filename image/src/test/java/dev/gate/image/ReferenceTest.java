package dev.gate.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest
    @CsvSource({
        "nginx, docker.io/library/nginx:latest",
        "nginx:1.25, docker.io/library/nginx:1.25",
        "library/nginx, docker.io/library/nginx:latest",
        "bitnami/redis:7, docker.io/bitnami/redis:7",
        "index.docker.io/nginx, docker.io/library/nginx:latest",
        "docker.io/nginx, docker.io/library/nginx:latest",
        "localhost/app, localhost/app:latest",
        "localhost:5000/a/b:v1, localhost:5000/a/b:v1",
        "127.0.0.1:5101/team/api:v1.2.3, 127.0.0.1:5101/team/api:v1.2.3",
        "registry.example.com/payments/api, registry.example.com/payments/api:latest",
        "ghcr.io/org/sub/image:tag_1.0-rc, ghcr.io/org/sub/image:tag_1.0-rc",
        "my-registry:8443/x__y/z.w-v, my-registry:8443/x__y/z.w-v:latest",
    })
    void normalizesAsDockerDoes(String input, String expected) {
        assertEquals(expected, Reference.parse(input).toString());
    }

    @Test
    void keepsDigestWithoutInventingTag() {
        Reference ref = Reference.parse("localhost:5000/a/b@" + DIGEST);
        assertEquals("localhost:5000", ref.registry());
        assertEquals("a/b", ref.repository());
        assertNull(ref.tag());
        assertEquals(DIGEST, ref.digest().toString());
        assertEquals(DIGEST, ref.identifier());
    }

    @Test
    void tagAndDigestTogether() {
        Reference ref = Reference.parse("nginx:1.25@" + DIGEST);
        assertEquals("1.25", ref.tag());
        assertEquals("docker.io/library/nginx:1.25@" + DIGEST, ref.toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Nginx|repository name must be lowercase",
                "docker.io/Library/nginx|repository name must be lowercase",
                "nginx:-bad|tag '-bad'",
                "a/b:tag with space|tag 'tag with space'",
                "a//b|repository path component ''",
                "a/b-|repository path component 'b-'",
                "a/b@sha256:abc|expected 64 lowercase hex",
                "a/b@md5:abcd|unsupported digest algorithm 'md5'",
                "-registry.example.com:80/a|registry '-registry.example.com:80'",
            })
    void rejectsWithPreciseReason(String input, String reason) {
        GateException error = assertThrows(GateException.class, () -> Reference.parse(input));
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(error.getMessage().contains("'" + input + "'"), error.getMessage());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    @Test
    void rejectsEmptyAndOverlongNames() {
        assertThrows(GateException.class, () -> Reference.parse(""));
        String longName = "example.com/" + "a".repeat(250);
        GateException error = assertThrows(GateException.class, () -> Reference.parse(longName));
        assertTrue(error.getMessage().contains("255"));
    }

    @Test
    void tagIsLimitedTo128Characters() {
        Reference.parse("a/b:" + "t".repeat(128));
        assertThrows(GateException.class, () -> Reference.parse("a/b:" + "t".repeat(129)));
    }

    @Test
    void knowsLoopbackRegistries() {
        assertTrue(Reference.parse("localhost:5000/a").isLoopback());
        assertTrue(Reference.parse("127.0.0.1:5101/a").isLoopback());
        assertFalse(Reference.parse("registry.example.com/a").isLoopback());
        assertFalse(Reference.parse("nginx").isLoopback());
        assertTrue(Reference.parse("127.8.9.10:5000/a").isLoopback());
        assertTrue(Reference.parse("[::1]:5000/a").isLoopback());
    }

    @Test
    void namesThatLookLikeLoopbackAreNot() {
        for (String name : List.of(
                "127.evil.example/a",
                "127.0.0.1.nip.io/a",
                "127.0.0.1.nip.io:5000/a",
                "localhost.evil.example/a",
                "127.0.0.256/a",
                "128.0.0.1/a",
                "[::2]:5000/a",
                "1127.0.0.1/a")) {
            assertFalse(Reference.parse(name).isLoopback(), name);
        }
    }

    @Test
    void withTagAndAtDigest() {
        Reference ref = Reference.parse("example.com/a/b:v1");
        assertEquals("example.com/a/b:v2", ref.withTag("v2").toString());
        assertEquals(
                "example.com/a/b@" + DIGEST, ref.atDigest(Digest.parse(DIGEST)).toString());
    }
}
