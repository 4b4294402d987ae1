package dev.gate.policy.builtins.graphql;

import dev.gate.policy.value.Value;
import graphql.language.Description;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.SDLExtensionDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.SchemaExtensionDefinition;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import java.util.List;

/** A parsed GraphQL schema document as the object {@code graphql.parse_schema} returns in OPA. */
final class SchemaAst {
    /** Types, values and directives print as in query documents. */
    private final QueryAst shared;

    SchemaAst(String text) {
        this.shared = new QueryAst(text);
    }

    Value of(Document doc) {
        List<SchemaDefinition> schemas = doc.getDefinitionsOfType(SchemaDefinition.class);
        var types = doc.getDefinitionsOfType(TypeDefinition.class);
        return new AstObject()
                .list(
                        "Schema",
                        schemas.stream()
                                .filter(s -> !(s instanceof SchemaExtensionDefinition))
                                .toList(),
                        this::schema)
                .list(
                        "SchemaExtension",
                        schemas.stream()
                                .filter(s -> s instanceof SchemaExtensionDefinition)
                                .toList(),
                        this::schema)
                .list("Directives", doc.getDefinitionsOfType(DirectiveDefinition.class), this::directiveDefinition)
                .list(
                        "Definitions",
                        types.stream()
                                .filter(t -> !(t instanceof SDLExtensionDefinition))
                                .toList(),
                        this::definition)
                .list(
                        "Extensions",
                        types.stream()
                                .filter(t -> t instanceof SDLExtensionDefinition)
                                .toList(),
                        this::definition)
                .build();
    }

    private Value schema(SchemaDefinition s) {
        return new AstObject()
                .text("Description", text(s.getDescription()))
                .list("Directives", s.getDirectives(), shared::directive)
                .list("OperationTypes", s.getOperationTypeDefinitions(), this::operationType)
                .build();
    }

    private Value operationType(OperationTypeDefinition o) {
        return new AstObject()
                .text("Operation", o.getName())
                .text("Type", o.getTypeName().getName())
                .build();
    }

    private Value definition(TypeDefinition<?> t) {
        AstObject out = new AstObject()
                .text("Kind", kind(t))
                .text(
                        "Description",
                        t instanceof graphql.language.AbstractDescribedNode<?> n ? text(n.getDescription()) : "")
                .text("Name", t.getName())
                .list("Directives", t.getDirectives(), shared::directive)
                .flag("BuiltIn", false);
        if (t instanceof ObjectTypeDefinition o) {
            out.names("Interfaces", names(o.getImplements())).list("Fields", o.getFieldDefinitions(), this::field);
        } else if (t instanceof InterfaceTypeDefinition i) {
            out.names("Interfaces", names(i.getImplements())).list("Fields", i.getFieldDefinitions(), this::field);
        } else if (t instanceof InputObjectTypeDefinition i) {
            out.list("Fields", i.getInputValueDefinitions(), this::inputValue);
        } else if (t instanceof UnionTypeDefinition u) {
            out.names("Types", names(u.getMemberTypes()));
        } else if (t instanceof EnumTypeDefinition e) {
            out.list("EnumValues", e.getEnumValueDefinitions(), this::enumValue);
        }
        return out.build();
    }

    private static String kind(TypeDefinition<?> t) {
        if (t instanceof ObjectTypeDefinition) return "OBJECT";
        if (t instanceof InterfaceTypeDefinition) return "INTERFACE";
        if (t instanceof InputObjectTypeDefinition) return "INPUT_OBJECT";
        if (t instanceof UnionTypeDefinition) return "UNION";
        if (t instanceof EnumTypeDefinition) return "ENUM";
        if (t instanceof ScalarTypeDefinition) return "SCALAR";
        return "";
    }

    private Value field(FieldDefinition f) {
        return new AstObject()
                .text("Description", text(f.getDescription()))
                .text("Name", f.getName())
                .list("Arguments", f.getInputValueDefinitions(), this::inputValue)
                .node("Type", shared.type(f.getType()))
                .list("Directives", f.getDirectives(), shared::directive)
                .build();
    }

    /** An argument, or an input object's field: the same shape in OPA's AST. */
    private Value inputValue(InputValueDefinition v) {
        return new AstObject()
                .text("Description", text(v.getDescription()))
                .text("Name", v.getName())
                .node("DefaultValue", v.getDefaultValue() == null ? null : shared.value(v.getDefaultValue()))
                .node("Type", shared.type(v.getType()))
                .list("Directives", v.getDirectives(), shared::directive)
                .build();
    }

    private Value enumValue(EnumValueDefinition e) {
        return new AstObject()
                .text("Description", text(e.getDescription()))
                .text("Name", e.getName())
                .list("Directives", e.getDirectives(), shared::directive)
                .build();
    }

    private Value directiveDefinition(DirectiveDefinition d) {
        return new AstObject()
                .text("Description", text(d.getDescription()))
                .text("Name", d.getName())
                .list("Arguments", d.getInputValueDefinitions(), this::inputValue)
                .names(
                        "Locations",
                        d.getDirectiveLocations().stream().map(l -> l.getName()).toList())
                .flag("IsRepeatable", d.isRepeatable())
                .build();
    }

    private static List<String> names(List<?> types) {
        return types.stream().map(t -> ((TypeName) t).getName()).toList();
    }

    private static String text(Description d) {
        return d == null ? "" : d.getContent();
    }
}
