package dev.gate.policy.builtins;

import dev.gate.policy.value.Value;
import java.util.List;

/**
 * The implementation of one builtin. Arguments are already evaluated values, checked for count but not type
 * (use {@link Operands} for OPA's type messages). Return the result, or Java {@code null} for "undefined".
 * Throw {@link BuiltinException} for OPA errors.
 */
@FunctionalInterface
public interface BuiltinFunction {
    Value call(BuiltinContext context, List<Value> args);
}
