package dev.gate.policy.value;

/**
 * A Rego value. Values are immutable and totally ordered as OPA orders them:
 * null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set. "Undefined" is not a value;
 * code that may produce no value returns Java {@code null}.
 */
public sealed interface Value extends Comparable<Value>
        permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

    /** OPA's type name, as used in error messages ("array", "object", ...). */
    String typeName();

    /** Rank of the kind in OPA's ordering; values of different kinds compare by rank. */
    int kindRank();

    /** Compares two values of the same kind. */
    int compareSameKind(Value other);

    @Override
    default int compareTo(Value other) {
        int byKind = Integer.compare(kindRank(), other.kindRank());
        return byKind != 0 ? byKind : compareSameKind(other);
    }

    /** JSON text as OPA prints it (sets become arrays, object keys sorted, non-string keys as their JSON). */
    default String toJson() {
        StringBuilder out = new StringBuilder();
        JsonText.write(this, out);
        return out.toString();
    }
}
