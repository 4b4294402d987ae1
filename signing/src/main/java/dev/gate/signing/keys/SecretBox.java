package dev.gate.signing.keys;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl's {@code crypto_secretbox} (XSalsa20 + Poly1305), the cipher of cosign key files. The
 * sealed form is the 16-byte tag followed by the ciphertext, as Go's {@code secretbox.Seal} writes.
 */
final class SecretBox {

    private static final int TAG = 16;
    private static final int MAC_KEY = 32;

    private SecretBox() {
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = keystream(stream);
        byte[] ciphertext = new byte[plaintext.length];
        stream.processBytes(plaintext, 0, plaintext.length, ciphertext, 0);
        byte[] sealed = new byte[TAG + ciphertext.length];
        System.arraycopy(mac(macKey, ciphertext), 0, sealed, 0, TAG);
        System.arraycopy(ciphertext, 0, sealed, TAG, ciphertext.length);
        return sealed;
    }

    /** The plaintext, or null when the box does not authenticate (wrong key or tampered file). */
    static byte[] open(byte[] key, byte[] nonce, byte[] sealed) {
        if (sealed.length < TAG) {
            return null;
        }
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = keystream(stream);
        byte[] ciphertext = Arrays.copyOfRange(sealed, TAG, sealed.length);
        if (!MessageDigest.isEqual(mac(macKey, ciphertext), Arrays.copyOf(sealed, TAG))) {
            return null;
        }
        byte[] plaintext = new byte[ciphertext.length];
        stream.processBytes(ciphertext, 0, ciphertext.length, plaintext, 0);
        return plaintext;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    /** The first 32 bytes of the stream are the one-time Poly1305 key; the message uses the rest. */
    private static byte[] keystream(XSalsa20Engine stream) {
        byte[] macKey = new byte[MAC_KEY];
        stream.processBytes(new byte[MAC_KEY], 0, MAC_KEY, macKey, 0);
        return macKey;
    }

    private static byte[] mac(byte[] macKey, byte[] ciphertext) {
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(macKey));
        poly.update(ciphertext, 0, ciphertext.length);
        byte[] tag = new byte[TAG];
        poly.doFinal(tag, 0);
        return tag;
    }
}
