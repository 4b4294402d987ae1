package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertTypeError;
import static dev.gate.policy.builtins.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import org.junit.jupiter.api.Test;

/** providers.aws.sign_req: AWS Signature Version 4 over an http.send request, at a fixed time. */
class AwsSigningTest {
    private static final String CONFIG =
            "{\"aws_access_key\": \"MYAWSACCESSKEYGOESHERE\", \"aws_secret_access_key\": \"MYAWSSECRETACCESSKEYGOESHERE\","
                    + " \"aws_service\": \"s3\", \"aws_region\": \"us-east-1\"";
    private static final String TIME = "1451311705000000000";
    private static final String CREDENTIAL =
            "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,";

    private static ObjectValue headers(String request, String configExtra) {
        ObjectValue signed =
                (ObjectValue) call("providers.aws.sign_req", request + ", " + CONFIG + configExtra + "}, " + TIME);
        return (ObjectValue) signed.get("headers");
    }

    @Test
    void signsARequestWithoutBody() {
        ObjectValue h = headers("{\"method\": \"get\", \"url\": \"http://example.com\"}", "");
        assertEquals(
                StringValue.of(CREDENTIAL + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                        + "Signature=0047a7016c81e5c7f29cd522f97e911e04fc472fced0aee7916cbc287ad6c8e3"),
                h.get("Authorization"));
        assertEquals(StringValue.of("example.com"), h.get("host"));
        assertEquals(StringValue.of("20151228T140825Z"), h.get("x-amz-date"));
        assertEquals(
                StringValue.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                h.get("x-amz-content-sha256"));
    }

    @Test
    void signsTheBodyAsJsonTheSessionTokenAndTheRequestsOwnHeaders() {
        ObjectValue h = headers(
                "{\"method\": \"get\", \"url\": \"https://example.com\", \"headers\": {\"foo\": \"bar\","
                        + " \"x-amz-content-sha256\": \"existing-value\"}, \"body\": {\"example\": {1, 2, 3, 4}}}",
                "");
        assertEquals(
                StringValue.of("bacff6243c850423883052ac3c336fd645994442933408dfd3f9e858e69bda07"),
                h.get("x-amz-content-sha256"));
        assertEquals(
                StringValue.of(CREDENTIAL + "SignedHeaders=foo;host;x-amz-content-sha256;x-amz-date,"
                        + "Signature=42bcac7fc6d170e09be72fdf38b62e59361265bc59d5f9156f0d6faf889e98ba"),
                h.get("Authorization"));
        ObjectValue token =
                headers("{\"method\": \"get\", \"url\": \"http://example.com\"}", ", \"aws_session_token\": \"TOKEN\"");
        assertEquals(StringValue.of("TOKEN"), token.get("x-amz-security-token"));
        ObjectValue unsigned = headers(
                "{\"method\": \"get\", \"url\": \"http://example.com\"}", ", \"disable_payload_signing\": true");
        assertEquals(StringValue.of("UNSIGNED-PAYLOAD"), unsigned.get("x-amz-content-sha256"));
    }

    @Test
    void missingOrMistypedParametersAreTypeErrors() {
        assertTypeError(
                "providers.aws.sign_req: operand 1 missing required request parameters(s): {\"method\", \"url\"}",
                "providers.aws.sign_req",
                "{}, " + CONFIG + "}, " + TIME);
        assertTypeError(
                "providers.aws.sign_req: operand 1 invalid values for required request parameters(s): {\"method\", \"url\"}",
                "providers.aws.sign_req",
                "{\"method\": set(), \"url\": set()}, " + CONFIG + "}, " + TIME);
        assertTypeError(
                "providers.aws.sign_req: operand 2 missing required AWS config parameters(s): {\"aws_access_key\", \"aws_region\","
                        + " \"aws_secret_access_key\", \"aws_service\"}",
                "providers.aws.sign_req",
                "{\"method\": \"get\", \"url\": \"http://x\"}, {}, " + TIME);
        assertTypeError(
                "providers.aws.sign_req: operand 2 invalid value for 'disable_payload_signing' in AWS config",
                "providers.aws.sign_req",
                "{\"method\": \"get\", \"url\": \"http://x\"}, " + CONFIG
                        + ", \"disable_payload_signing\": \"false\"}, " + TIME);
        assertTypeError(
                "providers.aws.sign_req: operand 3 could not convert time_ns value into a unix timestamp",
                "providers.aws.sign_req",
                "{\"method\": \"get\", \"url\": \"http://x\"}, " + CONFIG + "}, -1e9");
    }
}
