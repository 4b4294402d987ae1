package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GoUrl;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.Map;
import java.util.TreeMap;

/** uri.parse and uri.is_valid: a URL read as Go's net/url reads it, its parts as an object (empty ones left out). */
final class Uris {
    static final BuiltinDeclaration PARSE = BuiltinDeclaration.of(
            "uri.parse",
            "object",
            "The parts of a URL: scheme, hostname, port, path, raw_path, raw_query, fragment.",
            "string");
    static final BuiltinDeclaration IS_VALID =
            BuiltinDeclaration.of("uri.is_valid", "boolean", "Whether a string is a URL.", "any");

    private Uris() {}

    static void register(BuiltinRegistry r) {
        r.add(PARSE, (ctx, args) -> {
            GoUrl u = Values.guard(PARSE.name(), () -> GoUrl.parse(Operands.string(PARSE.name(), args, 1)));
            Map<String, Value> out = new TreeMap<>();
            put(out, "scheme", u.scheme());
            put(out, "hostname", u.hostname());
            put(out, "port", u.port());
            put(out, "path", u.path());
            if (!u.path().isEmpty()) put(out, "raw_path", u.rawPath().isEmpty() ? u.path() : u.rawPath());
            put(out, "raw_query", u.rawQuery());
            put(out, "fragment", u.fragment());
            return dev.gate.policy.value.ObjectValue.ofStrings(out);
        });
        r.add(IS_VALID, (ctx, args) -> {
            // As OPA: an empty string, though a valid relative reference, is not taken for a URL.
            if (!(args.get(0) instanceof StringValue s) || s.value().isEmpty()) return Values.bool(false);
            try {
                GoUrl.parse(s.value());
                return Values.bool(true);
            } catch (IllegalArgumentException e) {
                return Values.bool(false);
            }
        });
    }

    private static void put(Map<String, Value> out, String key, String value) {
        if (!value.isEmpty()) out.put(key, StringValue.of(value));
    }
}
