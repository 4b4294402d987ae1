package dev.gate.policy.syntax;

import java.util.Locale;
import java.util.Set;

/**
 * The Rego dialect a module is read in. {@code V1} is OPA 1.x's: {@code if} before bodies, {@code contains} for
 * multi-value rules, {@code in}, {@code every} and friends always keywords. {@code V0} is the older one, as OPA 1.x
 * reads it with {@code --v0-compatible}: bodies without {@code if}, {@code p[x] { ... }} for sets, and the newer
 * keywords only through {@code import future.keywords}. A module that imports {@code rego.v1} is v1 in either case.
 * {@code V2} is v1 with OPA's newest keywords ({@code and}, {@code or}, {@code not} with a body), as if the module
 * imported {@code rego.v2}; only a bundle manifest ({@code rego_version: 2}) asks for it.
 */
public enum RegoVersion {
    V0,
    V1,
    V2;

    /** Keywords of every module, whatever its dialect. */
    static final Set<String> V0_KEYWORDS =
            Set.of("package", "import", "default", "else", "some", "not", "with", "as", "true", "false", "null");
    /** The keywords v1 adds, which v0 modules import from {@code future.keywords}. */
    static final Set<String> FUTURE_KEYWORDS = Set.of("if", "contains", "in", "every");
    /** Keywords newer than v1, imported in either dialect: {@code and}, {@code or}, and {@code not} with a body. */
    static final Set<String> NEWER_KEYWORDS = Set.of("and", "or", "not");

    /** {@code v0} or {@code v1} (also {@code 0}, {@code 1}), as {@code --rego-version} spells it. */
    public static RegoVersion parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "v0", "0" -> V0;
            case "v1", "1" -> V1;
            default -> throw new IllegalArgumentException("unknown Rego version " + text + ": use v0 or v1");
        };
    }

    /** A bundle manifest's {@code rego_version}: 0, 1 or 2, as OPA reads it; null for any other number. */
    public static RegoVersion ofManifest(long number) {
        return number == 0 ? V0 : number == 1 ? V1 : number == 2 ? V2 : null;
    }
}
