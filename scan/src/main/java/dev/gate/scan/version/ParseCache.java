package dev.gate.scan.version;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers parsed versions: matching compares the same few thousand strings millions of times,
 * and parsing (regexes, BigIntegers) dominated the cost. Bounded by clearing, which is cheap and
 * keeps memory flat for long-lived processes.
 */
final class ParseCache<T> {

    private static final int LIMIT = 100_000;

    private final ConcurrentHashMap<String, T> parsed = new ConcurrentHashMap<>();

    T get(String version, Function<String, T> parser) {
        T value = parsed.get(version);
        if (value == null) {
            value = parser.apply(version); // throws for invalid versions, which are not remembered
            if (parsed.size() >= LIMIT) {
                parsed.clear();
            }
            parsed.put(version, value);
        }
        return value;
    }
}
