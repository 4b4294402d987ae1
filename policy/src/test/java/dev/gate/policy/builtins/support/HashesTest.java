package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HashesTest {
    @Test
    void knownDigests() {
        // Published test vectors (RFC 1321, FIPS 180-2 "abc", RFC 4231 case 2).
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Hashes.digestHex("MD5", "abc"));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", Hashes.digestHex("SHA-1", "abc"));
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashes.digestHex("SHA-256", "abc"));
        assertEquals(
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Hashes.hmacHex("HmacSHA256", "what do ya want for nothing?", "Jefe"));
        assertEquals(Hashes.hmacHex("HmacSHA256", "m", "\u0000"), Hashes.hmacHex("HmacSHA256", "m", ""));
    }
}
