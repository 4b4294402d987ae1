package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import java.io.IOException;

/** The identity and issuer a keyless sigstore bundle's certificate states, as the signer reports what it just signed. */
public final class CertifiedSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CertifiedSigner() {}

    /** Stated, not verified: for a bundle this run was just given by its signing service. */
    public static Signer of(byte[] bundle) {
        try {
            JsonNode material = JSON.readTree(bundle).path("verificationMaterial");
            return CertificateSigner.stated(CertificateSigner.leaf(material, "keyless bundle"));
        } catch (IOException e) {
            throw GateException.operational("keyless signing gave a bundle that is not JSON", e);
        }
    }
}
