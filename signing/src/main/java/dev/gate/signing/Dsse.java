package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/** DSSE envelopes: the signature covers the pre-authentication encoding (PAE), not the raw payload. */
public final class Dsse {

    public static final String IN_TOTO = "application/vnd.in-toto+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dsse() {}

    /** {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, lengths in ASCII decimal bytes. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    public static byte[] sign(CosignKeyPair key, String payloadType, byte[] payload) {
        byte[] signature = EcdsaSigner.sign(key, pae(payloadType, payload));
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("payloadType", payloadType);
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.putArray("signatures")
                .addObject()
                .put("keyid", "")
                .put("sig", Base64.getEncoder().encodeToString(signature));
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The verified payload, or null when no signature in the envelope verifies with {@code key}. Gate verifies
     * in-toto statements only: an envelope of another payloadType is an error even when its signature holds, so
     * a key that also signs other DSSE documents cannot have one of them read as an attestation.
     */
    public static byte[] verify(byte[] envelope, PublicKey key, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(envelope);
        } catch (IOException e) {
            throw GateException.input(source + ": DSSE envelope is not JSON");
        }
        String payloadType = requireInToto(root, source);
        byte[] payload = decode(root.path("payload").asText(), source);
        for (JsonNode sig : root.path("signatures")) {
            if (EcdsaSigner.verify(
                    key, pae(payloadType, payload), decode(sig.path("sig").asText(), source))) {
                return payload;
            }
        }
        return null;
    }

    /** The envelope's payloadType, when it is {@link #IN_TOTO}; else an INPUT error that names it. */
    public static String requireInToto(JsonNode envelope, String source) {
        JsonNode type = envelope == null ? null : envelope.get("payloadType");
        if (type == null || !type.isTextual() || !type.asText().equals(IN_TOTO)) {
            String found = type == null ? "none" : SafeText.quoted(type.isTextual() ? type.asText() : type.toString());
            throw GateException.input(source + ": DSSE payloadType must be " + IN_TOTO + ", found " + found);
        }
        return IN_TOTO;
    }

    private static byte[] decode(String text, String source) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw GateException.input(source + ": DSSE field is not base64");
        }
    }
}
