package dev.gate.image.registry;

import dev.gate.errors.GateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for registries: the system's CAs, plus the certificates of a PEM file the user
 * names ({@code --registry-ca}) for a private registry, without turning verification off.
 */
final class RegistryTls {

    private RegistryTls() {}

    /**
     * A context trusting the system's CAs and those of {@code extraCa}. The context is set up, and
     * the system's CA bundle parsed, on the first TLS handshake, so talking plain HTTP to a loopback
     * registry needs neither. A bad {@code extraCa} file is reported now.
     */
    static SSLContext context(Optional<Path> extraCa) {
        Optional<KeyStore> extra = extraCa.map(RegistryTls::keyStoreOrInputError);
        return new DeferredSslContext(() -> {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new Lazy(extra)}, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw GateException.operational("cannot set up TLS: " + e.getMessage(), e);
            }
        });
    }

    private static KeyStore keyStoreOrInputError(Path pem) {
        try {
            return keyStore(pem);
        } catch (GeneralSecurityException e) {
            throw GateException.input("--registry-ca " + pem + ": " + e.getMessage());
        }
    }

    private static KeyStore keyStore(Path pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw GateException.input("--registry-ca " + pem + ": cannot read the file (" + e.getMessage() + ")");
        } catch (CertificateException e) {
            throw GateException.input("--registry-ca " + pem + ": not a PEM certificate file (" + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw GateException.input("--registry-ca " + pem + ": holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("extra-" + n++, certificate);
        }
        return store;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a server chain that the extra CAs (if any) or the system's accept; built on first use. */
    private static final class Lazy implements X509TrustManager {
        private final Optional<KeyStore> extra;
        private volatile List<X509TrustManager> managers;

        Lazy(Optional<KeyStore> extra) {
            this.extra = extra;
        }

        private List<X509TrustManager> managers() throws CertificateException {
            List<X509TrustManager> known = managers;
            if (known == null) {
                try {
                    List<X509TrustManager> built = new ArrayList<>();
                    if (extra.isPresent()) {
                        built.add(trustManager(extra.get()));
                    }
                    built.add(trustManager(null));
                    known = List.copyOf(built);
                    managers = known;
                } catch (GeneralSecurityException e) {
                    throw new CertificateException("cannot load trusted certificates: " + e.getMessage(), e);
                }
            }
            return known;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("gate does not accept client connections");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException last = null;
            for (X509TrustManager manager : managers()) {
                try {
                    manager.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            try {
                return managers().stream()
                        .flatMap(m -> List.of(m.getAcceptedIssuers()).stream())
                        .toArray(X509Certificate[]::new);
            } catch (CertificateException e) {
                return new X509Certificate[0];
            }
        }
    }
}
