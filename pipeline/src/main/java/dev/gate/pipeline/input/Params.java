package dev.gate.pipeline.input;

import dev.gate.errors.GateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --param NAME=VALUE} flags over defaults (the --config file, or what a push recorded). */
public final class Params {

    private Params() {}

    public static Map<String, String> merge(Map<String, String> defaults, List<String> flags) {
        Map<String, String> out = new LinkedHashMap<>(defaults);
        for (String p : flags) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw GateException.input("--param " + p + ": expected NAME=VALUE");
            }
            out.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return out;
    }
}
