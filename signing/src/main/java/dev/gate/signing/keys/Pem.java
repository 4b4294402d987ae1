package dev.gate.signing.keys;

import dev.gate.image.GateException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One PEM block: its type and decoded content. */
record Pem(String type, byte[] content) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

    static Pem decode(String text, Path file) {
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            throw GateException.input(file + ": no PEM block found");
        }
        try {
            return new Pem(m.group(1), Base64.getMimeDecoder().decode(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw GateException.input(file + ": PEM block " + m.group(1) + " is not valid base64");
        }
    }

    static String encode(String type, byte[] content) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(content);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
