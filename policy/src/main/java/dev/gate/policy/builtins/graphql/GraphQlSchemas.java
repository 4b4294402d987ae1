package dev.gate.policy.builtins.graphql;

import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.Scalars;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumTypeExtensionDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputObjectTypeExtensionDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.InterfaceTypeExtensionDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.SDLExtensionDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.SourceLocation;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.UnionTypeExtensionDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.errors.SchemaProblem;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Schemas built from schema documents and queries validated against them, with OPA's leniencies. */
public final class GraphQlSchemas {
    private GraphQlSchemas() {}

    /** The executable schema of a schema document; its first problem, when it has one, is thrown. */
    public static GraphQLSchema build(Document schema) {
        try {
            GraphQLSchema built = new SchemaGenerator()
                    .makeExecutableSchema(
                            new SchemaParser().buildRegistry(leniently(schema)), RuntimeWiring.MOCKED_WIRING);
            // OPA's schemas know every built-in scalar; graphql-java's only those the schema document uses
            return built.transform(b -> b.additionalTypes(Set.of(
                    Scalars.GraphQLInt,
                    Scalars.GraphQLFloat,
                    Scalars.GraphQLString,
                    Scalars.GraphQLBoolean,
                    Scalars.GraphQLID)));
        } catch (SchemaProblem e) {
            throw new GraphQlDocuments.GraphQlException(
                    describe(e.getErrors().isEmpty() ? null : e.getErrors().get(0), e.getMessage()));
        } catch (RuntimeException e) {
            throw new GraphQlDocuments.GraphQlException(e.getMessage());
        }
    }

    /**
     * Validates the query (read from {@code text}) against the schema; its errors, when it has any, are thrown as OPA
     * words a list of them: in the order OPA's validator meets them, one line each, {@code input:<line>:<column>: }
     * before all but the first, the last line's closing period dropped and the first location named at the end.
     */
    public static void validate(GraphQLSchema schema, Document query, String text) {
        List<ValidationError> errors = ParseAndValidate.validate(schema, query);
        if (errors.isEmpty()) return;
        List<OpaError> opas;
        try {
            opas = new ValidationMessages(schema, query, text).of(errors);
        } catch (RuntimeException e) { // a query the rewording does not foresee still gets graphql-java's words
            opas = errors.stream().map(ValidationMessages::unmapped).toList();
        }
        StringBuilder out = new StringBuilder();
        for (OpaError e : opas) {
            if (out.length() > 0)
                out.append("input")
                        .append(e.at() == null ? "" : ":" + e.at().getLine() + ":" + e.at().getColumn())
                        .append(": ");
            out.append(e.message()).append('\n');
        }
        String all = out.toString();
        all = all.endsWith(".\n") ? all.substring(0, all.length() - 2) : all;
        SourceLocation first = opas.get(0).at();
        throw new GraphQlDocuments.GraphQlException(all + (first == null ? "" : GraphQlDocuments.located(first)));
    }

    private static String describe(GraphQLError error, String fallback) {
        if (error == null) return fallback;
        String message = error instanceof ValidationError v ? v.getDescription() : error.getMessage();
        var locations = error.getLocations();
        return message + (locations == null || locations.isEmpty() ? "" : GraphQlDocuments.located(locations.get(0)));
    }

    /**
     * OPA's parser reads an extension of a type the document never defines as the definition itself, and a schema
     * needs no query root to be valid; graphql-java refuses both, so the document is adjusted first.
     */
    @SuppressWarnings("rawtypes") // graphql-java's Document.Builder takes a list of the raw Definition type
    private static Document leniently(Document doc) {
        Set<String> defined = new HashSet<>();
        boolean hasRoot = false;
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof TypeDefinition<?> t && !(d instanceof SDLExtensionDefinition)) defined.add(t.getName());
            if (d instanceof SchemaDefinition) hasRoot = true;
        }
        List<Definition> out = new ArrayList<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof TypeDefinition<?> t && d instanceof SDLExtensionDefinition && defined.add(t.getName()))
                out.add(asDefinition(t));
            else out.add(d);
        }
        if (!hasRoot && !defined.contains("Query")) {
            out.add(ObjectTypeDefinition.newObjectTypeDefinition()
                    .name("Query")
                    .fieldDefinition(new FieldDefinition("placeholder", new TypeName("Boolean")))
                    .build());
        }
        return doc.transform(b -> b.definitions(out));
    }

    private static Definition<?> asDefinition(TypeDefinition<?> t) {
        if (t instanceof ObjectTypeExtensionDefinition o) {
            return ObjectTypeDefinition.newObjectTypeDefinition()
                    .name(o.getName())
                    .implementz(o.getImplements())
                    .directives(o.getDirectives())
                    .fieldDefinitions(o.getFieldDefinitions())
                    .build();
        }
        if (t instanceof InterfaceTypeExtensionDefinition i) {
            return InterfaceTypeDefinition.newInterfaceTypeDefinition()
                    .name(i.getName())
                    .implementz(i.getImplements())
                    .directives(i.getDirectives())
                    .definitions(i.getFieldDefinitions())
                    .build();
        }
        if (t instanceof UnionTypeExtensionDefinition u) {
            return UnionTypeDefinition.newUnionTypeDefinition()
                    .name(u.getName())
                    .directives(u.getDirectives())
                    .memberTypes(u.getMemberTypes())
                    .build();
        }
        if (t instanceof EnumTypeExtensionDefinition e) {
            return EnumTypeDefinition.newEnumTypeDefinition()
                    .name(e.getName())
                    .directives(e.getDirectives())
                    .enumValueDefinitions(e.getEnumValueDefinitions())
                    .build();
        }
        if (t instanceof InputObjectTypeExtensionDefinition i) {
            return InputObjectTypeDefinition.newInputObjectDefinition()
                    .name(i.getName())
                    .directives(i.getDirectives())
                    .inputValueDefinitions(i.getInputValueDefinitions())
                    .build();
        }
        return t;
    }
}
