package dev.gate.policy.builtins;

/**
 * The list of builtin families. Each family class adds one line here:
 * {@code Strings.register(registry);}. Owned by the builtins families; the engine only calls it.
 */
public final class BuiltinFamilies {
    private BuiltinFamilies() {}

    public static void registerAll(BuiltinRegistry registry) {
        Aggregates.register(registry);
        Arrays.register(registry);
        Sets.register(registry);
        Objects.register(registry);
        Strings.register(registry);
        Regex.register(registry);
        Globs.register(registry);
        SemVers.register(registry);
        Numbers.register(registry);
        Bits.register(registry);
        Casts.register(registry);
        Types.register(registry);
        Encodings.register(registry);
        Json.register(registry);
        JsonEdits.register(registry);
        Yaml.register(registry);
        Times.register(registry);
        UnitsBuiltins.register(registry);
        Net.register(registry);
        Crypto.register(registry);
        JsonSchema.register(registry);
        Jwt.register(registry);
        JwtSigning.register(registry);
        PrivateKeys.register(registry);
        CertificateRequests.register(registry);
        KeyPairs.register(registry);
        Graphs.register(registry);
        GraphQl.register(registry);
        RegoModules.register(registry);
        Uris.register(registry);
        Uuids.register(registry);
        AwsSigning.register(registry);
        Misc.register(registry);
        Deprecated.register(registry);
    }
}
