package dev.gate.policy.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/** Test results as a JSON array: location, package, name, status, error (when there is one) and duration in nanoseconds. */
public final class TestResultsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TestResultsJson() {}

    public static String write(List<PolicyTests.Result> results) {
        ArrayNode out = JSON.createArrayNode();
        for (PolicyTests.Result r : results) {
            ObjectNode o = out.addObject();
            o.put("location", r.location());
            o.put("package", "data." + r.pkg());
            o.put("name", r.name());
            o.put("status", r.status().name());
            if (r.error() != null) o.put("error", r.error());
            o.put("duration", r.duration().toNanos());
        }
        try {
            return JSON.writeValueAsString(out) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
