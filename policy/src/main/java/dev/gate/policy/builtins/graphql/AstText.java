package dev.gate.policy.builtins.graphql;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints an AST object of OPA's shape (as graphql.parse_query and parse_schema return it, perhaps edited by a policy)
 * back to GraphQL text, so that graphql-java reads and checks it like any other document.
 */
final class AstText {
    private AstText() {}

    static String query(ObjectValue doc) {
        StringBuilder out = new StringBuilder();
        for (ObjectValue op : objects(doc, "Operations")) {
            out.append(description(op)).append(text(op, "Operation").isEmpty() ? "query" : text(op, "Operation"));
            if (!text(op, "Name").isEmpty()) out.append(' ').append(text(op, "Name"));
            List<ObjectValue> vars = objects(op, "VariableDefinitions");
            if (!vars.isEmpty()) out.append(join(vars, AstText::variable, ", ", "(", ")"));
            out.append(directives(op)).append(' ').append(selections(op)).append('\n');
        }
        for (ObjectValue f : objects(doc, "Fragments")) {
            List<ObjectValue> vars = objects(f, "VariableDefinition");
            out.append(description(f))
                    .append("fragment ")
                    .append(text(f, "Name"))
                    .append(vars.isEmpty() ? "" : join(vars, AstText::variable, ", ", "(", ")"))
                    .append(" on ")
                    .append(text(f, "TypeCondition"))
                    .append(directives(f))
                    .append(' ')
                    .append(selections(f))
                    .append('\n');
        }
        return out.toString();
    }

    static String schema(ObjectValue doc) {
        StringBuilder out = new StringBuilder();
        for (ObjectValue s : objects(doc, "Schema"))
            out.append(schemaDefinition(s, "")).append('\n');
        for (ObjectValue s : objects(doc, "SchemaExtension"))
            out.append(schemaDefinition(s, "extend ")).append('\n');
        for (ObjectValue d : objects(doc, "Directives")) {
            out.append(description(d))
                    .append("directive @")
                    .append(text(d, "Name"))
                    .append(arguments(d))
                    .append(flag(d, "IsRepeatable") ? " repeatable" : "")
                    .append(" on ")
                    .append(strings(d, "Locations").stream().collect(Collectors.joining(" | ")))
                    .append('\n');
        }
        for (ObjectValue d : objects(doc, "Definitions"))
            out.append(definition(d, "")).append('\n');
        for (ObjectValue d : objects(doc, "Extensions"))
            out.append(definition(d, "extend ")).append('\n');
        return out.toString();
    }

    private static String schemaDefinition(ObjectValue s, String prefix) {
        String ops = join(
                objects(s, "OperationTypes"), o -> text(o, "Operation") + ": " + text(o, "Type"), " ", " { ", " }");
        return description(s) + prefix + "schema" + directives(s) + ops;
    }

    private static String definition(ObjectValue d, String prefix) {
        String kind = text(d, "Kind");
        StringBuilder out = new StringBuilder(description(d)).append(prefix);
        out.append(
                        switch (kind) {
                            case "OBJECT" -> "type";
                            case "INTERFACE" -> "interface";
                            case "UNION" -> "union";
                            case "ENUM" -> "enum";
                            case "INPUT_OBJECT" -> "input";
                            default -> "scalar";
                        })
                .append(' ')
                .append(text(d, "Name"));
        List<String> interfaces = strings(d, "Interfaces");
        if (!interfaces.isEmpty()) out.append(" implements ").append(String.join(" & ", interfaces));
        out.append(directives(d));
        if (kind.equals("UNION") && !strings(d, "Types").isEmpty())
            out.append(" = ").append(String.join(" | ", strings(d, "Types")));
        if (kind.equals("ENUM"))
            out.append(join(
                    objects(d, "EnumValues"),
                    v -> description(v) + text(v, "Name") + directives(v),
                    "\n",
                    " {\n",
                    "\n}"));
        out.append(join(
                objects(d, "Fields"),
                f -> description(f) + text(f, "Name") + arguments(f) + ": " + type(object(f, "Type")) + defaultValue(f)
                        + directives(f),
                "\n",
                " {\n",
                "\n}"));
        return out.toString();
    }

    private static String arguments(ObjectValue owner) {
        return join(
                objects(owner, "Arguments"),
                a -> description(a) + text(a, "Name") + ": " + type(object(a, "Type")) + defaultValue(a)
                        + directives(a),
                ", ",
                "(",
                ")");
    }

    private static String variable(ObjectValue v) {
        return "$" + text(v, "Variable") + ": " + type(object(v, "Type")) + defaultValue(v) + directives(v);
    }

    private static String defaultValue(ObjectValue owner) {
        ObjectValue v = object(owner, "DefaultValue");
        return v == null ? "" : " = " + value(v);
    }

    private static String selections(ObjectValue owner) {
        return join(objects(owner, "SelectionSet"), AstText::selection, " ", "{ ", " }");
    }

    /** Fields carry an alias, fragment spreads only a name, inline fragments neither. */
    private static String selection(ObjectValue s) {
        if (s.get("Alias") != null) {
            String alias = text(s, "Alias").equals(text(s, "Name")) ? "" : text(s, "Alias") + ": ";
            String args = join(
                    objects(s, "Arguments"), a -> text(a, "Name") + ": " + value(object(a, "Value")), ", ", "(", ")");
            String sub = objects(s, "SelectionSet").isEmpty() ? "" : " " + selections(s);
            return alias + text(s, "Name") + args + directives(s) + sub;
        }
        if (s.get("Name") != null) return "..." + text(s, "Name") + directives(s);
        String on = text(s, "TypeCondition").isEmpty() ? "" : " on " + text(s, "TypeCondition");
        return "..." + on + directives(s) + " " + selections(s);
    }

    private static String directives(ObjectValue owner) {
        return join(
                objects(owner, "Directives"),
                d -> "@" + text(d, "Name")
                        + join(
                                objects(d, "Arguments"),
                                a -> text(a, "Name") + ": " + value(object(a, "Value")),
                                ", ",
                                "(",
                                ")"),
                "",
                " ",
                "");
    }

    private static String type(ObjectValue t) {
        if (t == null) return "";
        String base = text(t, "NamedType").isEmpty() ? "[" + type(object(t, "Elem")) + "]" : text(t, "NamedType");
        return base + (flag(t, "NonNull") ? "!" : "");
    }

    /** A value by its kind in OPA's numbering: variable, int, float, string, block string, boolean, null, enum, list, object. */
    private static String value(ObjectValue v) {
        if (v == null) return "null";
        String raw = text(v, "Raw");
        int kind = v.get("Kind") instanceof NumberValue n ? n.decimal().intValue() : -1;
        return switch (kind) {
            case 0 -> "$" + raw;
            case 3, 4 -> quote(raw);
            case 6 -> "null";
            case 8 -> join(objects(v, "Children"), c -> value(object(c, "Value")), ", ", "[", "]", true);
            case 9 ->
                join(
                        objects(v, "Children"),
                        c -> text(c, "Name") + ": " + value(object(c, "Value")),
                        ", ",
                        "{",
                        "}",
                        true);
            default -> raw;
        };
    }

    private static String description(ObjectValue owner) {
        String d = text(owner, "Description");
        return d.isEmpty() ? "" : quote(d) + " ";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c == '\n') out.append("\\n");
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    private static String join(
            List<ObjectValue> items, Function<ObjectValue, String> print, String sep, String open, String close) {
        return join(items, print, sep, open, close, false);
    }

    private static String join(
            List<ObjectValue> items,
            Function<ObjectValue, String> print,
            String sep,
            String open,
            String close,
            boolean evenWhenEmpty) {
        if (items.isEmpty() && !evenWhenEmpty) return "";
        return items.stream().map(print).collect(Collectors.joining(sep, open, close));
    }

    private static String text(ObjectValue o, String key) {
        return o.get(key) instanceof StringValue s ? s.value() : "";
    }

    private static boolean flag(ObjectValue o, String key) {
        return o.get(key) == BooleanValue.TRUE;
    }

    private static ObjectValue object(ObjectValue o, String key) {
        return o.get(key) instanceof ObjectValue v ? v : null;
    }

    private static List<ObjectValue> objects(ObjectValue o, String key) {
        if (!(o.get(key) instanceof ArrayValue a)) return List.of();
        return a.elements().stream()
                .filter(ObjectValue.class::isInstance)
                .map(ObjectValue.class::cast)
                .toList();
    }

    private static List<String> strings(ObjectValue o, String key) {
        if (!(o.get(key) instanceof ArrayValue a)) return List.of();
        return a.elements().stream()
                .filter(StringValue.class::isInstance)
                .map(e -> ((StringValue) e).value())
                .toList();
    }
}
