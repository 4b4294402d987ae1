package dev.gate.policy.builtins.graphql;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.Node;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OPA's words for values of the wrong type (each wrong value inside an argument on its own, where it is written) and
 * for variables used where their type does not fit.
 */
final class ValueMessages {
    private static final Set<String> BUILT_IN = Set.of("Int", "Float", "String", "Boolean", "ID");
    private static final String RULE = "ValuesOfCorrectType";

    private final QueryIndex index;
    private final SourceText text;

    ValueMessages(QueryIndex index, SourceText text) {
        this.index = index;
        this.text = text;
    }

    /** The wrong values of an argument, innermost first as OPA's walk meets them. */
    List<OpaError> wrong(Argument arg) {
        List<OpaError> out = new ArrayList<>();
        if (arg != null) check(arg.getValue(), index.expected(arg.getValue()), out);
        return out;
    }

    /** The wrong values of a variable's default. */
    List<OpaError> wrongDefault(VariableDefinition v) {
        List<OpaError> out = new ArrayList<>();
        if (v != null && v.getDefaultValue() != null)
            check(v.getDefaultValue(), index.expected(v.getDefaultValue()), out);
        return out;
    }

    private void check(Value<?> v, GraphQLInputType type, List<OpaError> out) {
        if (type == null) return;
        GraphQLInputType bare = (GraphQLInputType) GraphQLTypeUtil.unwrapNonNull(type);
        GraphQLNamedType def = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
        if (v instanceof ObjectValue object) {
            for (ObjectField f : object.getObjectFields()) {
                GraphQLInputObjectField field =
                        def instanceof GraphQLInputObjectType o ? o.getFieldDefinition(f.getName()) : null;
                check(f.getValue(), field == null ? null : field.getType(), out);
            }
        } else if (v instanceof ArrayValue list && bare instanceof GraphQLList l) {
            for (Value<?> e : list.getValues()) check(e, (GraphQLInputType) l.getWrappedType(), out);
        }
        String expected = GraphQLTypeUtil.simplePrint(type);
        if (v instanceof NullValue) {
            if (GraphQLTypeUtil.isNonNull(type))
                out.add(error(v, "Expected value of type \"" + expected + "\", found null."));
            return;
        }
        if (v instanceof VariableReference || def instanceof GraphQLScalarType && !BUILT_IN.contains(def.getName()))
            return;
        List<String> enums = def instanceof GraphQLEnumType e ? SelectionMessages.names(e.getValues()) : List.of();
        String name = def.getName();
        if (v instanceof ArrayValue && !(bare instanceof GraphQLList)
                || v instanceof IntValue && !Set.of("Int", "Float", "ID").contains(name)
                || v instanceof FloatValue && !name.equals("Float")
                || v instanceof BooleanValue && !name.equals("Boolean")
                || v instanceof EnumValue && !(def instanceof GraphQLEnumType)
                || v instanceof StringValue
                        && !(def instanceof GraphQLEnumType)
                        && !Set.of("String", "ID").contains(name)) {
            out.add(error(v, unexpected(v, expected, def)));
        } else if (v instanceof StringValue s && def instanceof GraphQLEnumType) {
            out.add(error(
                    v,
                    "Enum \"" + expected + "\" cannot represent non-enum value: " + show(v) + "."
                            + Suggestions.didYouMean("Did you mean the enum value", s.getValue(), enums)));
        } else if (v instanceof EnumValue e && !enums.contains(e.getName())) {
            out.add(error(
                    v,
                    "Value \"" + e.getName() + "\" does not exist in \"" + expected + "\" enum."
                            + Suggestions.didYouMean("Did you mean the enum value", e.getName(), enums)));
        } else if (v instanceof ObjectValue object) {
            fields(object, def, out);
        }
    }

    private void fields(ObjectValue object, GraphQLNamedType def, List<OpaError> out) {
        List<GraphQLInputObjectField> known =
                def instanceof GraphQLInputObjectType o ? o.getFieldDefinitions() : List.of();
        for (GraphQLInputObjectField f : known) {
            boolean given =
                    object.getObjectFields().stream().anyMatch(g -> g.getName().equals(f.getName()));
            if (GraphQLTypeUtil.isNonNull(f.getType()) && !given && !f.hasSetDefaultValue())
                out.add(error(
                        object,
                        "Field \"" + def.getName() + "." + f.getName() + "\" of required type \""
                                + GraphQLTypeUtil.simplePrint(f.getType()) + "\" was not provided."));
        }
        List<String> names = SelectionMessages.names(known);
        List<SourceLocation> where = text.fields(object);
        for (int i = 0; i < where.size(); i++) {
            ObjectField given = object.getObjectFields().get(i);
            SourceLocation at = where.get(i);
            if (!names.contains(given.getName()))
                out.add(new OpaError(
                        RULE,
                        "Field \"" + given.getName() + "\" is not defined by type \"" + def.getName() + "\"."
                                + Suggestions.didYouMean("Did you mean", given.getName(), names),
                        at,
                        object));
        }
    }

    private String unexpected(Value<?> v, String expected, GraphQLNamedType def) {
        String shown = show(v);
        return switch (expected) {
            case "Int", "Int!" ->
                outOfRange(v)
                        ? "Int cannot represent non 32-bit signed integer value: " + shown
                        : "Int cannot represent non-integer value: " + shown;
            case "String", "String!", "[String]" -> "String cannot represent a non string value: " + shown;
            case "Boolean", "Boolean!" -> "Boolean cannot represent a non boolean value: " + shown;
            case "Float", "Float!" -> "Float cannot represent non numeric value: " + shown;
            case "ID", "ID!" -> "ID cannot represent a non-string and non-integer value: " + shown;
            default ->
                def instanceof GraphQLEnumType
                        ? "Enum \"" + expected + "\" cannot represent non-enum value: " + shown + "."
                        : "Expected value of type \"" + expected + "\", found " + shown + ".";
        };
    }

    private static boolean outOfRange(Value<?> v) {
        if (!(v instanceof IntValue i)) return false;
        BigInteger n = i.getValue();
        return n.bitLength() > 31;
    }

    private OpaError error(Value<?> v, String message) {
        SourceLocation at = v instanceof StringValue ? text.inString(v.getSourceLocation()) : v.getSourceLocation();
        return new OpaError(RULE, message, at, v);
    }

    /** A variable of one type used where another is expected. */
    OpaError position(VariableReference ref) {
        OperationDefinition op = ref == null ? null : index.operation(ref);
        GraphQLInputType expected = ref == null ? null : index.expected(ref);
        if (op == null || expected == null) return null;
        return op.getVariableDefinitions().stream()
                .filter(d -> d.getName().equals(ref.getName()))
                .findFirst()
                .map(d -> misplaced(ref, d, expected))
                .orElse(null);
    }

    /** Each use of a variable of a type the schema does not know, as OPA reports it. */
    List<OpaError> usesOfUnknownType(OperationDefinition op, VariableDefinition def) {
        List<OpaError> out = new ArrayList<>();
        for (VariableReference ref : index.variables(op)) {
            GraphQLInputType expected = index.expected(ref);
            if (ref.getName().equals(def.getName()) && expected != null) out.add(misplaced(ref, def, expected));
        }
        return out;
    }

    private static OpaError misplaced(VariableReference ref, VariableDefinition def, GraphQLInputType expected) {
        return new OpaError(
                "VariablesInAllowedPosition",
                "Variable \"$" + ref.getName() + "\" of type \"" + AstPrinter.printAst(def.getType())
                        + "\" used in position expecting type \"" + GraphQLTypeUtil.simplePrint(expected) + "\".",
                ref.getSourceLocation(),
                ref,
                true);
    }

    /** A value as OPA's messages show it: strings quoted, lists and objects without spaces. */
    private String show(Node<?> v) {
        if (v instanceof VariableReference r) return "$" + r.getName();
        if (v instanceof IntValue || v instanceof FloatValue) {
            String written = text.number(v.getSourceLocation());
            return !written.isEmpty()
                    ? written
                    : v instanceof IntValue i
                            ? i.getValue().toString()
                            : ((FloatValue) v).getValue().toString();
        }
        if (v instanceof EnumValue e) return e.getName();
        if (v instanceof BooleanValue b) return String.valueOf(b.isValue());
        if (v instanceof NullValue) return "null";
        if (v instanceof StringValue s) return quote(s.getValue());
        if (v instanceof ArrayValue a)
            return "[" + String.join(",", a.getValues().stream().map(this::show).toList()) + "]";
        if (v instanceof ObjectValue o)
            return "{"
                    + String.join(
                            ",",
                            o.getObjectFields().stream()
                                    .map(f -> f.getName() + ":" + show(f.getValue()))
                                    .toList())
                    + "}";
        return String.valueOf(v);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f && c <= 0x9f) out.append(String.format("\\u%04X", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
