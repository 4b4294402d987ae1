package dev.gate.policy.value;

/** A Rego string; ordered by Unicode code points as Go compares UTF-8 bytes. */
public record StringValue(String value) implements Value {

    public StringValue {
        if (value == null) throw new IllegalArgumentException("string must not be null");
    }

    public static StringValue of(String s) {
        return new StringValue(s);
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public int kindRank() {
        return 3;
    }

    @Override
    public int compareSameKind(Value other) {
        return compareCodePoints(value, ((StringValue) other).value);
    }

    /** UTF-16 order differs from UTF-8 byte order above the BMP; compare code points like Go does. */
    static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
