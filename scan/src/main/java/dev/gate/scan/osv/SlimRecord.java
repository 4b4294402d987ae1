package dev.gate.scan.osv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The part of an OSV record gate stores: what {@link OsvParser} reads, nothing else. Details and
 * references make up most of a record's bytes and were most of the parse time of a scan.
 */
public final class SlimRecord {

    private static final List<String> TOP = List.of("id", "modified", "published", "withdrawn", "aliases", "upstream",
            "summary", "severity");
    private static final List<String> AFFECTED = List.of("package", "ranges", "versions", "severity");

    private SlimRecord() {
    }

    public static ObjectNode of(ObjectNode record) {
        ObjectNode slim = record.objectNode();
        copy(record, slim, TOP);
        copyNested(record, slim, "database_specific", "severity");
        JsonNode affected = record.get("affected");
        if (affected != null && affected.isArray()) {
            var list = slim.putArray("affected");
            for (JsonNode entry : affected) {
                ObjectNode e = list.addObject();
                copy(entry, e, AFFECTED);
                copyNested(entry, e, "ecosystem_specific", "urgency");
                copyNested(entry, e, "database_specific", "severity");
            }
        }
        return slim;
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> fields) {
        for (String f : fields) {
            JsonNode v = from.get(f);
            if (v != null) {
                to.set(f, v);
            }
        }
    }

    private static void copyNested(JsonNode from, ObjectNode to, String object, String field) {
        JsonNode v = from.path(object).get(field);
        if (v != null && v.isValueNode()) {
            to.putObject(object).set(field, v);
        }
    }
}
