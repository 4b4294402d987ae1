package dev.gate.policy.builtins;

import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The request object of {@code http.send}, checked as OPA checks it before sending anything: only known keys, and
 * {@code method} and {@code url} present. gate never sends (it evaluates offline), but a malformed request is the
 * policy's error and is reported as OPA reports it.
 */
public final class HttpSendRequests {
    private static final String NAME = "http.send";
    private static final Set<String> KNOWN = Set.of(
            "method",
            "url",
            "body",
            "enable_redirect",
            "force_json_decode",
            "force_yaml_decode",
            "headers",
            "raw_body",
            "tls_use_system_certs",
            "tls_ca_cert",
            "tls_ca_cert_file",
            "tls_ca_cert_env_variable",
            "tls_client_cert",
            "tls_client_cert_file",
            "tls_client_cert_env_variable",
            "tls_client_key",
            "tls_client_key_file",
            "tls_client_key_env_variable",
            "tls_insecure_skip_verify",
            "tls_server_name",
            "timeout",
            "cache",
            "force_cache",
            "force_cache_duration_seconds",
            "raise_error",
            "caching_mode",
            "max_retry_attempts",
            "cache_ignored_headers");
    private static final List<String> REQUIRED = List.of("method", "url");

    private HttpSendRequests() {}

    /** Throws OPA's type error for unknown or missing request keys. */
    public static void check(List<Value> args) {
        ObjectValue request = Operands.object(NAME, args, 1);
        Set<String> unknown = new TreeSet<>();
        for (Value key : request.entries().keySet()) {
            String k = key instanceof StringValue s ? s.value() : key.toJson();
            if (!KNOWN.contains(k)) unknown.add(k);
        }
        if (!unknown.isEmpty())
            throw BuiltinException.type(NAME + ": invalid request parameters(s): " + goSet(unknown));
        Set<String> missing = new TreeSet<>();
        for (String k : REQUIRED) if (request.get(StringValue.of(k)) == null) missing.add(k);
        if (!missing.isEmpty())
            throw BuiltinException.type(NAME + ": missing required request parameters(s): " + goSet(missing));
    }

    private static String goSet(Set<String> keys) {
        return keys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", ", "{", "}"));
    }
}
