package dev.gate.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gate.errors.GateException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {

    @Test
    void hashesContent() {
        assertEquals(
                "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                Digest.sha256("hello".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void parsesAndRoundTrips() {
        String text = "sha256:" + "0f".repeat(32);
        Digest digest = Digest.parse(text);
        assertEquals("sha256", digest.algorithm());
        assertEquals(text, digest.toString());
        assertEquals("sha256-" + "0f".repeat(32), digest.tagSafe());
    }

    @Test
    void equalDigestsAreEqualKeys() {
        Digest digest = Digest.parse("sha256:" + "0f".repeat(32));
        Digest same = new Digest("sha256", "0f".repeat(32));
        assertEquals(digest, same);
        assertEquals(digest.hashCode(), same.hashCode());
        assertNotEquals(digest, Digest.parse("sha256:" + "0e".repeat(32)));
        assertNotEquals(digest, Digest.parse("sha512:" + "0f".repeat(64)));
        assertEquals(java.util.Set.of(digest), java.util.Set.of(same));
    }

    @Test
    void rejectsMalformedDigests() {
        assertThrows(GateException.class, () -> Digest.parse("nocolon"));
        assertThrows(GateException.class, () -> Digest.parse("sha256:ABCDEF" + "0".repeat(58)));
        assertThrows(GateException.class, () -> Digest.parse("sha256:" + "0".repeat(63)));
        assertThrows(GateException.class, () -> Digest.parse("sha1:" + "0".repeat(40)));
    }
}
