package dev.gate.scan.db;

import java.nio.file.Path;

/** gate's cache folder: {@code $XDG_CACHE_HOME/gate}, else {@code ~/.cache/gate}. */
public final class GateCache {

    private GateCache() {}

    public static Path folder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("gate");
    }
}
