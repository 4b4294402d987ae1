/**
 * Rego's builtin functions, one class per family, each with its declarations (name, argument and result types,
 * description) at the top and a {@code register(BuiltinRegistry)} that {@link dev.gate.policy.builtins.BuiltinFamilies}
 * calls. Functions take evaluated values, return {@code null} for "undefined", and raise
 * {@link dev.gate.policy.builtins.BuiltinException} with OPA's codes and messages. Go and OPA semantics that do not
 * depend on the value model (regex, sprintf, time, CIDR, JSON Schema ...) live in the {@code support} package.
 *
 * <p>Families: Aggregates, Arrays, Sets, Objects, Strings (with strings.render_template), Regex, Globs, SemVers,
 * Numbers, Bits, Casts, Types, Encodings, Json, JsonEdits and JsonPatch (json.filter/remove/patch), JsonSchema, Yaml,
 * Times, UnitsBuiltins, Net, Crypto (hashes, HMAC, X.509 parsing and chain verification), PrivateKeys, Jwt and
 * JwtSigning (io.jwt.*), Graphs, Uuids and Misc (uuid.rfc4122, rand.intn, opa.runtime, trace). The language's
 * operators, {@code count}, {@code walk} and {@code print} belong to the engine.
 */
package dev.gate.policy.builtins;
