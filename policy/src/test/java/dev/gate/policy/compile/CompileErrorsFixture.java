package dev.gate.policy.compile;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.ObjectValue;
import java.util.ArrayList;
import java.util.List;

/** Loads Rego sources named m0.rego, m1.rego, ... (each prefixed with its package line) and returns what compiling refused. */
final class CompileErrorsFixture {
    private CompileErrorsFixture() {}

    static RegoEngine load(String... bodies) {
        RegoEngine engine = new RegoEngine(null);
        List<PolicyEngine.Module> modules = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++)
            modules.add(new PolicyEngine.Module("m" + i + ".rego", "package p\n\n" + bodies[i]));
        engine.load(modules, ObjectValue.EMPTY);
        return engine;
    }

    static PolicyException refused(String... bodies) {
        return assertThrows(PolicyException.class, () -> load(bodies));
    }
}
