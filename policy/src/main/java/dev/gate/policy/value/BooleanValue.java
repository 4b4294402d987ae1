package dev.gate.policy.value;

/** A Rego boolean; false orders before true. Two instances. */
public final class BooleanValue implements Value {
    public static final BooleanValue FALSE = new BooleanValue(false);
    public static final BooleanValue TRUE = new BooleanValue(true);

    private final boolean value;

    private BooleanValue(boolean value) {
        this.value = value;
    }

    public static BooleanValue of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public boolean value() {
        return value;
    }

    @Override
    public String typeName() {
        return "boolean";
    }

    @Override
    public int kindRank() {
        return 1;
    }

    @Override
    public int compareSameKind(Value other) {
        return Boolean.compare(value, ((BooleanValue) other).value);
    }

    @Override
    public String toString() {
        return value ? "true" : "false";
    }
}
