package dev.gate.policy.builtins.graphql;

import dev.gate.policy.value.Value;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed GraphQL query document as the object {@code graphql.parse_query} returns in OPA. The source text tells
 * block strings from quoted ones, which graphql-java's AST does not keep apart.
 */
final class QueryAst {
    /** The value kinds of OPA's GraphQL parser, in its numbering. */
    private static final int VARIABLE = 0,
            INT = 1,
            FLOAT = 2,
            STRING = 3,
            BLOCK_STRING = 4,
            BOOLEAN = 5,
            NULL = 6,
            ENUM = 7,
            LIST = 8,
            OBJECT = 9;

    private final String[] lines;

    private final QueryExtras extras;
    private final Map<String, List<VariableDefinition>> fragmentVariables;

    QueryAst(String text) {
        this.lines = text.split("\n", -1);
        this.extras = new QueryExtras(text);
        this.fragmentVariables = GraphQlDocuments.fragmentVariables(extras);
    }

    Value of(Document doc) {
        return new AstObject()
                .list("Operations", doc.getDefinitionsOfType(OperationDefinition.class), this::operation)
                .list("Fragments", doc.getDefinitionsOfType(FragmentDefinition.class), this::fragment)
                .build();
    }

    private Value operation(OperationDefinition op) {
        return new AstObject()
                .text("Description", extras.description(op.getSourceLocation()))
                .text("Operation", op.getOperation().name().toLowerCase(Locale.ROOT))
                .text("Name", op.getName())
                .list("VariableDefinitions", op.getVariableDefinitions(), this::variable)
                .list("Directives", op.getDirectives(), this::directive)
                .node("SelectionSet", selections(op.getSelectionSet()))
                .build();
    }

    private Value fragment(FragmentDefinition f) {
        return new AstObject()
                .text("Description", extras.description(f.getSourceLocation()))
                .text("Name", f.getName())
                .text("TypeCondition", f.getTypeCondition().getName())
                .list("VariableDefinition", fragmentVariables.get(f.getName()), this::variable)
                .list("Directives", f.getDirectives(), this::directive)
                .node("SelectionSet", selections(f.getSelectionSet()))
                .build();
    }

    private Value variable(VariableDefinition v) {
        return new AstObject()
                .text("Description", "")
                .text("Variable", v.getName())
                .node("Type", type(v.getType()))
                .node("DefaultValue", v.getDefaultValue() == null ? null : value(v.getDefaultValue()))
                .list("Directives", v.getDirectives(), this::directive)
                .flag("Used", false)
                .build();
    }

    Value type(Type<?> t) {
        if (t instanceof NonNullType n) {
            Value inner = type(n.getType());
            return ((dev.gate.policy.value.ObjectValue) inner)
                    .with(dev.gate.policy.value.StringValue.of("NonNull"), dev.gate.policy.value.BooleanValue.TRUE);
        }
        if (t instanceof ListType l)
            return new AstObject()
                    .text("NamedType", "")
                    .node("Elem", type(l.getType()))
                    .flag("NonNull", false)
                    .build();
        return new AstObject()
                .text("NamedType", ((TypeName) t).getName())
                .flag("NonNull", false)
                .build();
    }

    private Value selections(SelectionSet set) {
        return set == null ? null : AstObject.listOf(set.getSelections(), this::selection);
    }

    private Value selection(Selection<?> s) {
        if (s instanceof Field f) {
            return new AstObject()
                    .text("Alias", f.getAlias() != null ? f.getAlias() : f.getName())
                    .text("Name", f.getName())
                    .list("Arguments", f.getArguments(), this::argument)
                    .list("Directives", f.getDirectives(), this::directive)
                    .node("SelectionSet", selections(f.getSelectionSet()))
                    .build();
        }
        if (s instanceof FragmentSpread f) {
            return new AstObject()
                    .text("Name", f.getName())
                    .list("Directives", f.getDirectives(), this::directive)
                    .build();
        }
        InlineFragment f = (InlineFragment) s;
        return new AstObject()
                .text(
                        "TypeCondition",
                        f.getTypeCondition() == null ? "" : f.getTypeCondition().getName())
                .list("Directives", f.getDirectives(), this::directive)
                .node("SelectionSet", selections(f.getSelectionSet()))
                .build();
    }

    Value directive(Directive d) {
        return new AstObject()
                .text("Name", d.getName())
                .list("Arguments", d.getArguments(), this::argument)
                .text("Location", "")
                .build();
    }

    private Value argument(Argument a) {
        return new AstObject()
                .text("Name", a.getName())
                .node("Value", value(a.getValue()))
                .build();
    }

    Value value(graphql.language.Value<?> v) {
        AstObject out = new AstObject().flag("ExpectedTypeHasDefault", false);
        if (v instanceof VariableReference r)
            return out.number("Kind", VARIABLE).text("Raw", r.getName()).build();
        if (v instanceof IntValue i)
            return out.number("Kind", INT).text("Raw", i.getValue().toString()).build();
        if (v instanceof FloatValue f)
            return out.number("Kind", FLOAT)
                    .text("Raw", f.getValue().toString())
                    .build();
        if (v instanceof StringValue s)
            return out.number("Kind", isBlock(s) ? BLOCK_STRING : STRING)
                    .text("Raw", s.getValue())
                    .build();
        if (v instanceof BooleanValue b)
            return out.number("Kind", BOOLEAN)
                    .text("Raw", String.valueOf(b.isValue()))
                    .build();
        if (v instanceof NullValue)
            return out.number("Kind", NULL).text("Raw", "null").build();
        if (v instanceof EnumValue e)
            return out.number("Kind", ENUM).text("Raw", e.getName()).build();
        if (v instanceof ArrayValue a) {
            return out.number("Kind", LIST)
                    .text("Raw", "")
                    .list("Children", a.getValues(), c -> child("", c))
                    .build();
        }
        ObjectValue o = (ObjectValue) v;
        return out.number("Kind", OBJECT)
                .text("Raw", "")
                .list("Children", o.getObjectFields(), f -> child(f.getName(), f.getValue()))
                .build();
    }

    private boolean isBlock(StringValue s) {
        var at = s.getSourceLocation();
        if (at == null || at.getLine() < 1 || at.getLine() > lines.length) return false;
        String line = lines[at.getLine() - 1];
        return line.startsWith("\"\"\"", Math.max(0, at.getColumn() - 1));
    }

    private Value child(String name, graphql.language.Value<?> v) {
        return new AstObject().text("Name", name).node("Value", value(v)).build();
    }
}
