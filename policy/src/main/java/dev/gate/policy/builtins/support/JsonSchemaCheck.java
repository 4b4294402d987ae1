package dev.gate.policy.builtins.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * JSON Schema (drafts 4 to 7, as gojsonschema reads them) for json.verify_schema and json.match_schema: schema
 * checks with gojsonschema's complaints, and validation errors with its types, fields ("(root)", "a.b.0") and
 * descriptions. Local {@code $ref}s ("#", "#/definitions/x") are followed; remote ones are refused. The schema's own
 * rules are {@link JsonSchemaRules}; a document's walk through the schema is {@link JsonSchemaValidation}.
 */
public final class JsonSchemaCheck {

    /** One validation error as OPA reports it. */
    public record Failure(String type, String field, String description) {
        public String error() {
            return field + ": " + description;
        }
    }

    private JsonSchemaCheck() {}

    /** Throws IllegalArgumentException with gojsonschema's complaint when the schema itself is not valid. */
    public static void verify(JsonNode schema) {
        JsonSchemaRules.verify(schema);
    }

    public static List<Failure> validate(JsonNode schema, JsonNode document) {
        verify(schema);
        return new JsonSchemaValidation(schema).failures(document);
    }
}
