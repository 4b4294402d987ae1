package dev.gate.signing;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** One shared BouncyCastle provider instance, not registered globally. */
final class BouncyCastle {
    private static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }

    static Provider provider() {
        return PROVIDER;
    }
}
