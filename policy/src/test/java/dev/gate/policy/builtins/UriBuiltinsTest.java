package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.assertCall;

import org.junit.jupiter.api.Test;

/** uri.parse and uri.is_valid: URLs read as Go's net/url reads them (values as OPA 1.22 returns them). */
class UriBuiltinsTest {

    @Test
    void urlsSplitIntoTheirParts() {
        assertCall(
                "{\"scheme\": \"https\", \"hostname\": \"example.com\", \"port\": \"8080\", \"path\": \"/api\", \"raw_path\": \"/api\","
                        + " \"raw_query\": \"q=1\", \"fragment\": \"top\"}",
                "uri.parse",
                "\"https://example.com:8080/api?q=1#top\"");
        assertCall(
                "{\"scheme\": \"http\", \"hostname\": \"::1\", \"port\": \"8080\", \"path\": \"/p\", \"raw_path\": \"/p\"}",
                "uri.parse",
                "\"http://[::1]:8080/p\"");
        assertCall(
                "{\"scheme\": \"https\", \"hostname\": \"example.com\", \"path\": \"/path/with/slashes\", \"raw_path\": \"/path%2Fwith%2Fslashes\"}",
                "uri.parse", "\"https://example.com/path%2Fwith%2Fslashes\"");
        assertCall(
                "{\"scheme\": \"https\", \"hostname\": \"example.com\", \"path\": \"/a(b)\", \"raw_path\": \"/a(b)\"}",
                "uri.parse",
                "\"https://example.com/a%28b%29\"");
        assertCall("{\"scheme\": \"mailto\"}", "uri.parse", "\"mailto:user@example.com\"");
        assertCall("{}", "uri.parse", "\"\"");
    }

    @Test
    void malformedUrlsAreRefusedInGosWords() {
        assertBuiltinError(
                "uri.parse: parse \"http://exa%6dple.com/\": invalid URL escape \"%6d\"",
                "uri.parse", "\"http://exa%6dple.com/\"");
        assertBuiltinError(
                "uri.parse: parse \"http://a<b@example.com/\": net/url: invalid userinfo",
                "uri.parse",
                "\"http://a<b@example.com/\"");
        assertBuiltinError(
                "uri.parse: parse \"http://example.com:8x/\": invalid port \":8x\" after host",
                "uri.parse",
                "\"http://example.com:8x/\"");
        assertCall("false", "uri.is_valid", "\"http://[invalid\"");
        assertCall("false", "uri.is_valid", "\"\"");
        assertCall("true", "uri.is_valid", "\"http://foo]bar/\"");
    }
}
