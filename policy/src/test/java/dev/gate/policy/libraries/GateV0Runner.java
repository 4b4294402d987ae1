package dev.gate.policy.libraries;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.JsonValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** gate's engine reading a batch as Rego v0, asked what {@link OpaV0Judge} asks OPA. */
final class GateV0Runner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyEngine.Options OPTIONS = new PolicyEngine.Options(Duration.ofSeconds(120), false);

    private GateV0Runner() {}

    static Map<String, List<Outcome>> run(PolicyBatch batch) {
        Map<String, List<Outcome>> out = new LinkedHashMap<>();
        RegoEngine engine = new RegoEngine(null).regoVersion(RegoVersion.V0);
        try {
            engine.load(batch.modules(), batch.data() == null ? null : JsonValues.fromJson(batch.data()));
        } catch (PolicyException e) {
            for (String q : batch.packageQueries())
                out.put(q, Collections.nCopies(batch.inputs().size(), Outcome.error(e.code())));
            return out;
        }
        for (String query : batch.packageQueries()) {
            List<Outcome> outcomes = new ArrayList<>();
            for (var input : batch.inputs()) outcomes.add(evaluate(engine, query, input));
            out.put(query, outcomes);
        }
        return out;
    }

    private static Outcome evaluate(RegoEngine engine, String query, com.fasterxml.jackson.databind.JsonNode input) {
        try {
            List<PolicyEngine.ResultRow> rows = engine.evaluate(query, JsonValues.fromJson(input), OPTIONS);
            return rows.isEmpty()
                    ? Outcome.UNDEFINED
                    : Outcome.of(JSON.readTree(rows.get(0).expressions().get(0).toJson()));
        } catch (PolicyException e) {
            return Outcome.error(e.code());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
