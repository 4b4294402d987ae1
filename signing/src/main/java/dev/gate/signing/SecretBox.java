package dev.gate.signing;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20 + Poly1305), the cipher cosign names "nacl/secretbox".
 * BouncyCastle has both primitives but not their NaCl composition, so it is assembled here:
 * the first 32 keystream bytes key Poly1305, the rest encrypt; the box is tag (16) then ciphertext.
 */
final class SecretBox {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 24;
    private static final int TAG_BYTES = 16;

    private SecretBox() {}

    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
        XSalsa20Engine cipher = cipher(key, nonce);
        byte[] macKey = keystream(cipher);
        byte[] box = new byte[TAG_BYTES + plaintext.length];
        cipher.processBytes(plaintext, 0, plaintext.length, box, TAG_BYTES);
        byte[] tag = tag(macKey, box, TAG_BYTES, plaintext.length);
        System.arraycopy(tag, 0, box, 0, TAG_BYTES);
        return box;
    }

    /** Returns the plaintext, or null when the tag does not match (wrong password or altered file). */
    static byte[] open(byte[] key, byte[] nonce, byte[] box) {
        if (box.length < TAG_BYTES) {
            return null;
        }
        XSalsa20Engine cipher = cipher(key, nonce);
        byte[] macKey = keystream(cipher);
        byte[] expected = tag(macKey, box, TAG_BYTES, box.length - TAG_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOf(box, TAG_BYTES))) {
            return null;
        }
        byte[] plaintext = new byte[box.length - TAG_BYTES];
        cipher.processBytes(box, TAG_BYTES, plaintext.length, plaintext, 0);
        return plaintext;
    }

    private static XSalsa20Engine cipher(byte[] key, byte[] nonce) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    private static byte[] keystream(XSalsa20Engine cipher) {
        byte[] out = new byte[32];
        cipher.processBytes(new byte[32], 0, 32, out, 0);
        return out;
    }

    private static byte[] tag(byte[] macKey, byte[] data, int offset, int length) {
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(macKey));
        mac.update(data, offset, length);
        byte[] tag = new byte[TAG_BYTES];
        mac.doFinal(tag, 0);
        return tag;
    }
}
