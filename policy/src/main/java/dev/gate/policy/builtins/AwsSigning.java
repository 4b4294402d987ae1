package dev.gate.policy.builtins;

import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * providers.aws.sign_req: signs an http.send request with AWS Signature Version 4 (AWS's published algorithm), adding
 * {@code host}, {@code x-amz-date}, {@code x-amz-content-sha256}, the session token when given, and
 * {@code Authorization}. Nothing is sent; the signed request is returned for http.send.
 */
final class AwsSigning {
    static final BuiltinDeclaration SIGN_REQ = BuiltinDeclaration.of(
            "providers.aws.sign_req",
            "object",
            "Signs an HTTP request object for AWS Signature Version 4.",
            "object",
            "object",
            "number");
    private static final String NAME = SIGN_REQ.name();
    private static final List<String> REQUEST_KEYS = List.of("method", "url");
    private static final List<String> CONFIG_KEYS =
            List.of("aws_access_key", "aws_region", "aws_secret_access_key", "aws_service");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    private AwsSigning() {}

    static void register(BuiltinRegistry r) {
        r.add(
                SIGN_REQ,
                (ctx, args) -> sign(
                        Operands.object(NAME, args, 1),
                        Operands.object(NAME, args, 2),
                        Operands.number(NAME, args, 3)));
    }

    private static Value sign(ObjectValue request, ObjectValue config, NumberValue timeNs) {
        Map<String, String> req = required(request, REQUEST_KEYS, 1, "request");
        Map<String, String> aws = required(config, CONFIG_KEYS, 2, "AWS config");
        Value disable = config.get("disable_payload_signing");
        if (disable != null && !(disable instanceof BooleanValue)) {
            throw BuiltinException.type(NAME + ": operand 2 invalid value for 'disable_payload_signing' in AWS config");
        }
        if (!timeNs.isInteger() || timeNs.decimal().signum() < 0) {
            throw BuiltinException.type(NAME + ": operand 3 could not convert time_ns value into a unix timestamp");
        }
        URI url = uri(req.get("url"));
        String stamp = STAMP.format(Instant.ofEpochSecond(0, timeNs.decimal().longValue()));
        String payloadHash = BooleanValue.TRUE.equals(disable) ? UNSIGNED : hex(sha256(payload(request)));

        TreeMap<String, String> headers = new TreeMap<>();
        if (request.get("headers") instanceof ObjectValue given) {
            for (Map.Entry<Value, Value> h : given.entries().entrySet())
                headers.put(text(h.getKey()).toLowerCase(), text(h.getValue()));
        }
        headers.put("host", url.getRawAuthority());
        headers.put("x-amz-date", stamp);
        Value token = config.get("aws_session_token");
        if (token instanceof StringValue t && !t.value().isEmpty()) headers.put("x-amz-security-token", t.value());
        // OPA signs a content hash header the request already had as it was, and returns it replaced by the payload's.
        TreeMap<String, String> signed = new TreeMap<>(headers);
        signed.putIfAbsent("x-amz-content-sha256", payloadHash);
        headers.put("x-amz-content-sha256", payloadHash);

        String signedHeaders = String.join(";", signed.keySet());
        // OPA signs the method as written and the path as given (empty when the URL has none).
        String canonical = req.get("method") + "\n" + path(url) + "\n" + query(url) + "\n"
                + signed.entrySet().stream()
                        .map(e -> e.getKey() + ":" + e.getValue().strip() + "\n")
                        .collect(Collectors.joining())
                + "\n" + signedHeaders + "\n" + payloadHash;
        String scope =
                stamp.substring(0, 8) + "/" + aws.get("aws_region") + "/" + aws.get("aws_service") + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + aws.get("aws_secret_access_key")).getBytes(StandardCharsets.UTF_8);
        for (String part :
                List.of(stamp.substring(0, 8), aws.get("aws_region"), aws.get("aws_service"), "aws4_request"))
            key = hmac(key, part);
        String signature = hex(hmac(key, toSign));

        Map<Value, Value> outHeaders = new TreeMap<>();
        headers.forEach((k, v) -> outHeaders.put(StringValue.of(k), StringValue.of(v)));
        outHeaders.put(
                StringValue.of("Authorization"),
                StringValue.of("AWS4-HMAC-SHA256 Credential=" + aws.get("aws_access_key") + "/" + scope
                        + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature));
        Map<Value, Value> out = new TreeMap<>(request.entries());
        out.put(StringValue.of("headers"), ObjectValue.of(outHeaders));
        return ObjectValue.of(out);
    }

    /** The string values of required keys; the missing ones, then the ones that are not strings, are type errors. */
    private static Map<String, String> required(ObjectValue object, List<String> keys, int operand, String what) {
        Set<String> missing = new TreeSet<>(), invalid = new TreeSet<>();
        Map<String, String> out = new TreeMap<>();
        for (String k : keys) {
            Value v = object.get(k);
            if (v == null) missing.add(k);
            else if (v instanceof StringValue s) out.put(k, s.value());
            else invalid.add(k);
        }
        String prefix = NAME + ": operand " + operand + " ";
        if (!missing.isEmpty())
            throw BuiltinException.type(prefix + "missing required " + what + " parameters(s): " + goSet(missing));
        if (!invalid.isEmpty())
            throw BuiltinException.type(
                    prefix + "invalid values for required " + what + " parameters(s): " + goSet(invalid));
        return out;
    }

    /** raw_body wins over body, which is signed as its JSON text, as http.send would send it. */
    private static byte[] payload(ObjectValue request) {
        if (request.get("raw_body") instanceof StringValue raw)
            return raw.value().getBytes(StandardCharsets.UTF_8);
        Value body = request.get("body");
        return body == null ? new byte[0] : GoJsonText.write(body).getBytes(StandardCharsets.UTF_8);
    }

    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw BuiltinException.builtin(NAME, "invalid url: " + e.getMessage());
        }
    }

    private static String path(URI url) {
        String path = url.getRawPath();
        return path == null ? "" : path;
    }

    private static String query(URI url) {
        String q = url.getRawQuery();
        if (q == null || q.isEmpty()) return "";
        List<String> pairs = new ArrayList<>(List.of(q.split("&")));
        pairs.replaceAll(p -> p.contains("=") ? p : p + "=");
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static String text(Value v) {
        return v instanceof StringValue s ? s.value() : v.toJson();
    }

    private static String goSet(Set<String> keys) {
        return keys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", ", "{", "}"));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
