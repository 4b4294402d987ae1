package dev.gate.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gate.errors.GateException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:0123...}, validated on construction. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        Pattern expected = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default ->
                throw GateException.input(
                        "unsupported digest algorithm '" + algorithm + "' (expected sha256 or sha512)");
        };
        if (!expected.matcher(hex).matches()) {
            throw GateException.input("invalid " + algorithm + " digest '" + hex + "': expected "
                    + (algorithm.equals("sha256") ? 64 : 128) + " lowercase hex characters");
        }
    }

    @JsonCreator
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw GateException.input("invalid digest '" + text + "': expected ALGORITHM:HEX");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static Digest sha256(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(content)));
    }

    public static Digest ofSha256Bytes(byte[] digestBytes) {
        return new Digest("sha256", HexFormat.of().formatHex(digestBytes));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A fresh hasher for this digest's algorithm, to check streamed content against it. */
    public MessageDigest newHasher() {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }

    /** The cosign tag-schema form: {@code sha256-<hex>}. */
    public String tagSafe() {
        return algorithm + "-" + hex;
    }

    // equals and hashCode are written out: a record's generated ones are bootstrapped through invokedynamic on
    // first use, which costs a cold start about 10 ms, and digests are compared on every run.
    @Override
    public boolean equals(Object other) {
        return other instanceof Digest that && algorithm.equals(that.algorithm) && hex.equals(that.hex);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + hex.hashCode();
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
