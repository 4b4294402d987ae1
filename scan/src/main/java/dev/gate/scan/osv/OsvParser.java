package dev.gate.scan.osv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OSV record from a Jackson tree. Required: {@code id} and {@code modified} as strings,
 * and well-formed {@code affected[]} entries; anything else missing is tolerated.
 */
public final class OsvParser {

    private OsvParser() {}

    public static OsvRecord parse(JsonNode root) throws MalformedRecordException {
        if (root == null || !root.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        String id = requiredText(root, "id");
        String modified = requiredText(root, "modified");
        List<Affected> affected = new ArrayList<>();
        for (JsonNode entry : array(root, "affected")) {
            affected.add(affected(entry));
        }
        return new OsvRecord(
                id,
                modified,
                text(root.get("published")),
                text(root.get("withdrawn")),
                strings(root, "aliases"),
                strings(root, "upstream"),
                text(root.get("summary")),
                severities(root),
                text(root.path("database_specific").get("severity")),
                affected);
    }

    private static Affected affected(JsonNode entry) throws MalformedRecordException {
        JsonNode pkg = entry.get("package");
        List<Range> ranges = new ArrayList<>();
        for (JsonNode range : array(entry, "ranges")) {
            ranges.add(range(range));
        }
        String ecosystem = pkg == null ? null : text(pkg.get("ecosystem"));
        String name = pkg == null ? null : text(pkg.get("name"));
        if (pkg != null && (ecosystem == null || name == null)) {
            throw new MalformedRecordException("affected package needs ecosystem and name");
        }
        return new Affected(
                ecosystem,
                name,
                pkg == null ? null : text(pkg.get("purl")),
                ranges,
                strings(entry, "versions"),
                severities(entry),
                text(entry.path("ecosystem_specific").get("urgency")),
                text(entry.path("database_specific").get("severity")));
    }

    private static Range range(JsonNode range) throws MalformedRecordException {
        String type = text(range.get("type"));
        if (type == null) {
            throw new MalformedRecordException("range without type");
        }
        List<Event> events = new ArrayList<>();
        for (JsonNode event : array(range, "events")) {
            events.add(event(event));
        }
        return new Range(type, events);
    }

    private static Event event(JsonNode event) throws MalformedRecordException {
        for (Event.Kind kind : Event.Kind.values()) {
            String version = text(event.get(kind.name().toLowerCase()));
            if (version != null && !version.isBlank()) {
                return new Event(kind, version);
            }
        }
        throw new MalformedRecordException("range event without introduced, fixed, last_affected or limit");
    }

    private static List<SeverityScore> severities(JsonNode node) {
        List<SeverityScore> result = new ArrayList<>();
        for (JsonNode s : node.path("severity")) {
            String type = text(s.get("type"));
            String score = text(s.get("score"));
            if (type != null && score != null) {
                result.add(new SeverityScore(type, score));
            }
        }
        return result;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new MalformedRecordException("'" + field + "' is not an array");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String field) throws MalformedRecordException {
        List<String> result = new ArrayList<>();
        for (JsonNode value : array(node, field)) {
            if (value.isValueNode() && !value.isNull()) {
                result.add(value.asText());
            }
        }
        return result;
    }

    private static String requiredText(JsonNode node, String field) throws MalformedRecordException {
        String value = text(node.get(field));
        if (value == null || value.isBlank()) {
            throw new MalformedRecordException("missing '" + field + "'");
        }
        return value;
    }

    /** Scalars are read as text: YAML-converted data keeps numbers such as {@code 5.4} as strings anyway. */
    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }
}
