package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;

/** is_number, is_string, is_boolean, is_array, is_set, is_object, is_null and type_name. */
final class Types {
    static final BuiltinDeclaration IS_NUMBER =
            BuiltinDeclaration.of("is_number", "boolean", "Whether the value is a number.", "any");
    static final BuiltinDeclaration IS_STRING =
            BuiltinDeclaration.of("is_string", "boolean", "Whether the value is a string.", "any");
    static final BuiltinDeclaration IS_BOOLEAN =
            BuiltinDeclaration.of("is_boolean", "boolean", "Whether the value is a boolean.", "any");
    static final BuiltinDeclaration IS_ARRAY =
            BuiltinDeclaration.of("is_array", "boolean", "Whether the value is an array.", "any");
    static final BuiltinDeclaration IS_SET =
            BuiltinDeclaration.of("is_set", "boolean", "Whether the value is a set.", "any");
    static final BuiltinDeclaration IS_OBJECT =
            BuiltinDeclaration.of("is_object", "boolean", "Whether the value is an object.", "any");
    static final BuiltinDeclaration IS_NULL =
            BuiltinDeclaration.of("is_null", "boolean", "Whether the value is null.", "any");
    static final BuiltinDeclaration TYPE_NAME =
            BuiltinDeclaration.of("type_name", "string", "The value's type name.", "any");

    private Types() {}

    static void register(BuiltinRegistry r) {
        kind(r, IS_NUMBER, NumberValue.class);
        kind(r, IS_STRING, StringValue.class);
        kind(r, IS_BOOLEAN, BooleanValue.class);
        kind(r, IS_ARRAY, ArrayValue.class);
        kind(r, IS_SET, SetValue.class);
        kind(r, IS_OBJECT, ObjectValue.class);
        kind(r, IS_NULL, NullValue.class);
        r.add(TYPE_NAME, (ctx, args) -> Values.str(args.get(0).typeName()));
    }

    private static void kind(BuiltinRegistry r, BuiltinDeclaration d, Class<? extends Value> type) {
        r.add(d, (ctx, args) -> Values.bool(type.isInstance(args.get(0))));
    }
}
