package dev.gate.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.pipeline.bundle.PolicyBundles;
import dev.gate.policy.PolicySet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Defaults from a configuration file, read only when one is named ({@code --config FILE}, else the
 * {@code GATE_CONFIG} variable): in CI the working directory is the checkout being gated, and a file
 * found there must not be able to weaken the gate. Paths in the file are relative to the file.
 * Secrets have no place here: passwords come from the environment.
 *
 * <pre>
 * policies: [policies/prod.rego]      # files or folders, or signed bundles: oci://registry/team/policies@sha256:...
 * policyKeys: [security.pub]         # the keys policy bundles must be signed with
 * policySigner:                      # or, keyless, whom they must be signed by
 *   trustedRoot: trusted_root.json
 *   identity: https://github.com/acme/security/.github/workflows/policies.yml@refs/heads/main   # or identityRegexp
 *   issuer: https://token.actions.githubusercontent.com                                         # or issuerRegexp
 * data: [policies/data.example.yaml]
 * namespace: gate.prod
 * params: {high_fix_max_days: "14"}
 * key: release.key
 * db: /var/cache/gate/osv.db
 * failOnWarn: false
 * registries: {insecure: ["10.0.0.5:5000"]}
 * also: [mirror.example.com/team/app:1.0.0]
 * </pre>
 */
public record GateConfig(
        List<String> policies,
        List<Path> data,
        String namespace,
        Map<String, String> params,
        Path key,
        Path db,
        Boolean failOnWarn,
        List<String> insecureRegistries,
        List<String> also,
        PolicySet.LoadedFile file,
        List<Path> policyKeys,
        PolicySigner policySigner) {

    /** The keyless signer policy bundles must come from, as the --policy-trusted-root and identity flags name it. */
    public record PolicySigner(
            Path trustedRoot, String identity, String identityRegexp, String issuer, String issuerRegexp) {}

    private static final Set<String> SIGNER_KEYS =
            Set.of("trustedRoot", "identity", "identityRegexp", "issuer", "issuerRegexp");

    /** The variable that names a configuration file when {@code --config} does not. */
    public static final String VARIABLE = "GATE_CONFIG";

    private static final Set<String> KEYS = Set.of(
            "policies",
            "data",
            "namespace",
            "params",
            "key",
            "db",
            "failOnWarn",
            "registries",
            "also",
            "policyKeys",
            "policySigner");
    private static final int MAX_BYTES = 1 << 20;

    /** No configuration: only the command line counts. */
    public static GateConfig none() {
        return new GateConfig(
                List.of(), List.of(), null, Map.of(), null, null, null, List.of(), List.of(), null, List.of(), null);
    }

    /** The file {@code --config} names ({@code flag}), else the one {@code GATE_CONFIG} names, else none. */
    public static GateConfig load(Path flag, UnaryOperator<String> environment) {
        if (flag != null) {
            return read(flag, "--config " + flag);
        }
        String named = environment.apply(VARIABLE);
        if (named == null || named.isBlank()) {
            return none();
        }
        return read(Path.of(named), VARIABLE + "=" + named);
    }

    private static GateConfig read(Path file, String origin) {
        byte[] bytes = bounded(file, origin);
        PolicySet.LoadedFile loaded =
                new PolicySet.LoadedFile(file, Digest.sha256(bytes).hex());
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (IOException e) {
            throw GateException.input(file + ": not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new GateConfig(
                    List.of(), List.of(), null, Map.of(), null, null, null, List.of(), List.of(), loaded, List.of(),
                    null);
        }
        if (!root.isObject()) {
            throw GateException.input(file + ": expected a mapping of settings at the top");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw GateException.input(file + ": unknown setting '" + k + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        });
        Path base = file.toAbsolutePath().getParent();
        return new GateConfig(
                policies(root, base, file),
                paths(root, "data", base, file),
                text(root, "namespace", file),
                params(root, file),
                path(root, "key", base, file),
                path(root, "db", base, file),
                root.has("failOnWarn") ? bool(root.get("failOnWarn"), "failOnWarn", file) : null,
                strings(root.path("registries"), "insecure", file),
                strings(root, "also", file),
                loaded,
                paths(root, "policyKeys", base, file),
                policySigner(root, base, file));
    }

    /** {@code policySigner}: a trusted root, an identity and an issuer (each exact or a regular expression), all named. */
    private static PolicySigner policySigner(JsonNode root, Path base, Path file) {
        JsonNode node = root.get("policySigner");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw GateException.input(file + ": 'policySigner' must be a mapping (trustedRoot, identity, issuer)");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!SIGNER_KEYS.contains(k)) {
                throw GateException.input(file + ": unknown setting 'policySigner." + k + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(SIGNER_KEYS)) + ")");
            }
        });
        PolicySigner signer = new PolicySigner(
                path(node, "trustedRoot", base, file),
                text(node, "identity", file),
                text(node, "identityRegexp", file),
                text(node, "issuer", file),
                text(node, "issuerRegexp", file));
        if (signer.trustedRoot() == null
                || (signer.identity() == null) == (signer.identityRegexp() == null)
                || (signer.issuer() == null) == (signer.issuerRegexp() == null)) {
            throw GateException.input(
                    file + ": 'policySigner' needs trustedRoot, one of identity or identityRegexp, and one of "
                            + "issuer or issuerRegexp");
        }
        return signer;
    }

    /** Files and folders resolved against the file's folder; policy bundles in a registry ({@code oci://REF}) as written. */
    private static List<String> policies(JsonNode root, Path base, Path file) {
        List<String> out = new ArrayList<>();
        for (String s : strings(root, "policies", file)) {
            out.add(
                    s.startsWith(PolicyBundles.SCHEME)
                            ? s
                            : base.resolve(expandHome(s)).toString());
        }
        return out;
    }

    private static byte[] bounded(Path file, String origin) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw GateException.input(origin + ": larger than " + MAX_BYTES + " bytes; not a configuration file");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw GateException.input(origin + ": no such file");
        } catch (IOException e) {
            throw GateException.input(origin + ": cannot read: " + e.getMessage());
        }
    }

    private static List<Path> paths(JsonNode root, String field, Path base, Path file) {
        List<Path> out = new ArrayList<>();
        for (String s : strings(root, field, file)) {
            out.add(base.resolve(expandHome(s)));
        }
        return out;
    }

    private static Path path(JsonNode root, String field, Path base, Path file) {
        String text = text(root, field, file);
        return text == null ? null : base.resolve(expandHome(text));
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    private static String text(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw GateException.input(file + ": '" + field + "' must be a single value");
        }
        return node.asText();
    }

    private static List<String> strings(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isValueNode()) {
            out.add(node.asText());
            return out;
        }
        if (!node.isArray()) {
            throw GateException.input(file + ": '" + field + "' must be a list");
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> params(JsonNode root, Path file) {
        JsonNode node = root.get("params");
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw GateException.input(file + ": 'params' must be a mapping of names to values");
        }
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static boolean bool(JsonNode node, String field, Path file) {
        if (!node.isBoolean()) {
            throw GateException.input(file + ": '" + field + "' must be true or false");
        }
        return node.asBoolean();
    }
}
