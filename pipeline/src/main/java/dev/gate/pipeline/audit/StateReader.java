package dev.gate.pipeline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.image.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates what an audit's own files say when they are read back (a {@link AuditState}, a JSON report to merge), naming
 * the file and the first field that is wrong.
 */
final class StateReader {

    static final int MAX_CLAIMS = 64;
    static final int MAX_MESSAGES = 4096;
    static final int MAX_MESSAGE = 64 * 1024;
    private static final Set<String> SEVERITIES = Set.of(DigestCheck.SEVERITIES);

    private final String where;
    private final String remedy;

    /** {@code remedy}: what to do about a bad file, said after the problem. */
    StateReader(String where, String remedy) {
        this.where = where;
        this.remedy = remedy;
    }

    void require(boolean condition, String problem) {
        if (!condition) {
            throw GateException.input(where + ": " + problem + "; " + remedy);
        }
    }

    String text(JsonNode node, String field, int maxLength) {
        return textValue(node.path(field), field, maxLength);
    }

    private String textValue(JsonNode value, String field, int maxLength) {
        require(
                value.isTextual() && !value.asText().isEmpty() && value.asText().length() <= maxLength,
                "'" + field + "' is not a text of 1 to " + maxLength + " characters");
        require(value.asText().equals(SafeText.of(value.asText())), "'" + field + "' holds control characters");
        return value.asText();
    }

    /** Free text (a problem, a rule's message): bounded, and escaped wherever it is shown. */
    String message(JsonNode value, String field) {
        require(
                value.isTextual() && value.asText().length() <= MAX_MESSAGE,
                "'" + field + "' is not a text of at most " + MAX_MESSAGE + " characters");
        return value.asText();
    }

    List<String> messages(JsonNode entry, String field) {
        return list(entry, field, MAX_MESSAGES, m -> message(m, field));
    }

    String digest(JsonNode node, String field) {
        String text = text(node, field, 80);
        try {
            return Digest.parse(text).toString();
        } catch (RuntimeException e) {
            require(false, "'" + field + "' is not a digest");
            return null;
        }
    }

    /** One entry of the state's {@code tags}: a tag that passed, as {@link AuditState#record} writes it. */
    TagAudit passingTag(JsonNode entry) {
        require(entry.isObject(), "an entry of 'tags' is not an object");
        String repository = text(entry, "repository", AuditState.MAX_NAME);
        String tag = text(entry, "tag", 128);
        String digest = digest(entry, "digest");
        List<String> verifiedBy = texts(entry, "verifiedBy");
        List<String> verified = texts(entry, "verified");
        Map<String, Long> counts = severities(entry, repository + ":" + tag);
        JsonNode policy = entry.get("policyPassed");
        require(
                policy == null || policy.isBoolean() && policy.asBoolean(),
                "'policyPassed' of a kept tag must be true or absent");
        TagAudit audit = new TagAudit(
                repository,
                tag,
                digest,
                true,
                verifiedBy,
                verified,
                List.of(),
                counts,
                policy == null ? null : true,
                List.of(),
                null,
                GatedBy.read(this, entry.get("gated")),
                List.of());
        require(audit.ok(), repository + ":" + tag + " did not pass, and only passing tags are kept");
        return audit;
    }

    Map<String, Long> severities(JsonNode entry, String which) {
        JsonNode severities = entry.path("severities");
        require(
                severities.isObject() && severities.size() <= SEVERITIES.size(),
                "'severities' of " + which + " is not an object of severities");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : DigestCheck.SEVERITIES) {
            JsonNode n = severities.get(s);
            if (n != null) {
                require(
                        n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0,
                        "severity '" + s + "' is not a count");
                counts.put(s, n.asLong());
            }
        }
        severities
                .fieldNames()
                .forEachRemaining(name -> require(SEVERITIES.contains(name), "unknown severity in " + which));
        return counts;
    }

    /** Short texts (key ids, predicate types): bounded, without control characters. */
    List<String> texts(JsonNode entry, String field) {
        return list(entry, field, MAX_CLAIMS, t -> textValue(t, field, 512));
    }

    private List<String> list(
            JsonNode entry, String field, int maxEntries, java.util.function.Function<JsonNode, String> read) {
        JsonNode list = entry.path(field);
        if (list.isMissingNode()) {
            return List.of();
        }
        require(list.isArray() && list.size() <= maxEntries, "'" + field + "' is not a list of at most " + maxEntries);
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(read.apply(item)));
        return out;
    }
}
