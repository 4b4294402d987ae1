package dev.gate.policy.value;

/** The Rego {@code null}; one instance. */
public final class NullValue implements Value {
    public static final NullValue NULL = new NullValue();

    private NullValue() {}

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public int kindRank() {
        return 0;
    }

    @Override
    public int compareSameKind(Value other) {
        return 0;
    }

    @Override
    public String toString() {
        return "null";
    }
}
