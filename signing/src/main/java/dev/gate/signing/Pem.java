package dev.gate.signing;

import dev.gate.errors.GateException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal PEM: one block, its type and its bytes. */
public record Pem(String type, byte[] bytes) {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    public static Pem parse(String text, String source) {
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            throw GateException.input(source + ": no PEM block found");
        }
        try {
            return new Pem(m.group(1), Base64.getMimeDecoder().decode(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw GateException.input(source + ": PEM body is not valid base64");
        }
    }

    public static String encode(String type, byte[] bytes) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(bytes);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
