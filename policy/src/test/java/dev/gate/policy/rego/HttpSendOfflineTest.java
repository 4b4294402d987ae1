package dev.gate.policy.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** http.send never reaches the network, but checks its request as OPA does, and a mock given with `with` answers. */
class HttpSendOfflineTest {
    private static final PolicyEngine.Options STRICT = new PolicyEngine.Options(Duration.ofSeconds(5), true);

    private static PolicyException error(String request) {
        RegoEngine engine = new RegoEngine(null);
        engine.load(
                List.of(new PolicyEngine.Module("p.rego", "package p\n\nr := x if http.send(" + request + ", x)\n")),
                ObjectValue.EMPTY);
        return assertThrows(PolicyException.class, () -> engine.evaluate("x = data.p.r", null, STRICT));
    }

    @Test
    void unknownAndMissingRequestKeysAreTypeErrors() {
        PolicyException unknown = error("{\"bad_key\": \"v\", \"method\": \"get\", \"url\": \"http://127.0.0.1:1\"}");
        assertEquals("eval_type_error", unknown.code());
        assertEquals("http.send: invalid request parameters(s): {\"bad_key\"}", unknown.getMessage());
        PolicyException missing = error("{\"method\": \"get\"}");
        assertEquals("eval_type_error", missing.code());
        assertEquals("http.send: missing required request parameters(s): {\"url\"}", missing.getMessage());
    }

    @Test
    void aWellFormedRequestStillRefusesToRunAndAMockAnswers() {
        PolicyException offline = error("{\"method\": \"get\", \"url\": \"http://127.0.0.1:1\"}");
        assertEquals("eval_builtin_error", offline.code());
        RegoEngine engine = new RegoEngine(null);
        engine.load(List.of(new PolicyEngine.Module("p.rego", """
                package p

                r := x.body.ok if http.send({"method": "get", "url": "https://example.com"}, x)

                mock(_) := {"status_code": 200, "body": {"ok": "yes"}}
                """)), ObjectValue.EMPTY);
        var rows = engine.evaluate("x = data.p.r with http.send as data.p.mock", null, STRICT);
        assertEquals(StringValue.of("yes"), rows.get(0).bindings().get("x"));
    }
}
