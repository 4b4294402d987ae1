package dev.gate.pipeline.decision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.policy.Policies;
import dev.gate.policy.PolicySet;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.JsonValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Step 4: the policies (Rego sources or an OPA wasm bundle) and data loaded once, and the decision for an input document. */
public final class PolicyGate {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final Policies policies;
    private final String namespace;

    private PolicyGate(Policies policies, String namespace) {
        this.policies = policies;
        this.namespace = namespace;
    }

    public static PolicyGate load(List<Path> policyPaths, List<Path> dataFiles, String namespace, RegoVersion version) {
        for (Path p : policyPaths) {
            if (!Files.exists(p)) {
                throw GateException.input("--policy " + p + ": no such file or directory");
            }
        }
        for (Path d : dataFiles) {
            if (!Files.isRegularFile(d)) {
                throw GateException.input("--data " + d + ": no such file");
            }
        }
        try {
            Policies set =
                    Policies.load(policyPaths, dataFiles, Policies.Engine.AUTO, PolicyPrint.toStandardError(), version);
            // Before any image is read: a namespace or policies that decide nothing fail here, not after a scan.
            set.requireDecisionRules(Optional.ofNullable(namespace));
            return new PolicyGate(set, namespace);
        } catch (IllegalArgumentException e) {
            throw GateException.input(e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new GateException(
                    GateException.Kind.OPERATIONAL,
                    "policy evaluation is not available in this build: " + e.getMessage());
        }
    }

    public Decision decide(JsonNode input) {
        try {
            return policies.decide(JsonValues.fromJson(input), Optional.ofNullable(namespace), TIMEOUT);
        } catch (UnsupportedOperationException e) {
            throw new GateException(
                    GateException.Kind.OPERATIONAL,
                    "policy evaluation is not available in this build: " + e.getMessage());
        }
    }

    public List<PolicySet.LoadedFile> policyFiles() {
        return policies.policyFiles();
    }

    public List<PolicySet.LoadedFile> dataFiles() {
        return policies.dataFiles();
    }

    /** The engine that decides, and for a bundle its digest, revision and roots (for the decision record). */
    public Policies.EngineInfo engineInfo() {
        return policies.engineInfo();
    }

    public String namespace() {
        return namespace;
    }
}
