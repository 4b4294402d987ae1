/**
 * Go and OPA semantics the Rego builtins need, free of the Rego value model so each piece is
 * tested alone. A builtin family converts its operands to plain Java values, calls one of these,
 * and turns an {@link java.lang.IllegalArgumentException} into OPA's builtin error with the
 * builtin's name in front (the messages here are OPA's text after that prefix).
 *
 * <ul>
 *   <li>regex.*: {@link dev.gate.policy.builtins.support.Re2}, {@link dev.gate.policy.builtins.support.RegexTemplate},
 *       {@link dev.gate.policy.builtins.support.GlobIntersection} (regex.globs_match)</li>
 *   <li>sprintf: {@link dev.gate.policy.builtins.support.GoFormat} (Go fmt verbs; OPA's argument conversion)</li>
 *   <li>strings: {@link dev.gate.policy.builtins.support.GoStrings}; glob.*: {@link dev.gate.policy.builtins.support.Glob}</li>
 *   <li>time.*: {@link dev.gate.policy.builtins.support.GoTimeParser}, {@link dev.gate.policy.builtins.support.GoTimeFormatter},
 *       {@link dev.gate.policy.builtins.support.GoCalendar}, {@link dev.gate.policy.builtins.support.GoDuration}</li>
 *   <li>numbers and arithmetic: {@link dev.gate.policy.builtins.support.OpaNumbers}; units.*: {@link dev.gate.policy.builtins.support.Units}</li>
 *   <li>semver.*: {@link dev.gate.policy.builtins.support.SemVer}; net.cidr_*: {@link dev.gate.policy.builtins.support.Cidr},
 *       {@link dev.gate.policy.builtins.support.CidrSets}</li>
 *   <li>encodings and crypto: {@link dev.gate.policy.builtins.support.GoEncodings}, {@link dev.gate.policy.builtins.support.Hashes};
 *       json output details: {@link dev.gate.policy.builtins.support.GoJson}, {@link dev.gate.policy.builtins.support.GoJsonIndent}; yaml.*: {@link dev.gate.policy.builtins.support.YamlText}</li>
 * </ul>
 */
package dev.gate.policy.builtins.support;
