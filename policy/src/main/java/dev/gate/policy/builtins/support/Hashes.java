package dev.gate.policy.builtins.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** crypto.md5/sha1/sha256 and crypto.hmac.*: lowercase hex over the UTF-8 bytes of the input. */
public final class Hashes {
    private Hashes() {}

    /** algorithm is a JCA name: "MD5", "SHA-1", "SHA-256", "SHA-512". */
    public static String digestHex(String algorithm, String input) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("digest " + algorithm + " unavailable", e);
        }
    }

    /** algorithm is a JCA MAC name: "HmacMD5", "HmacSHA1", "HmacSHA256", "HmacSHA512". */
    public static String hmacHex(String algorithm, String message, String key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            // An empty key is legal in Go's hmac but not for SecretKeySpec; one zero byte is equivalent
            // because HMAC pads keys with zeros to the block size.
            mac.init(new SecretKeySpec(keyBytes.length == 0 ? new byte[1] : keyBytes, algorithm));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MAC " + algorithm + " unavailable", e);
        }
    }
}
