package dev.gate.image.fs;

import java.util.ArrayDeque;
import java.util.Deque;

/** Path normalisation that keeps every result inside the image root. */
final class TarPaths {

    private TarPaths() {}

    /**
     * "./usr//bin/../lib/" becomes "/usr/lib"; the root is "/". Returns null when the path climbs
     * above the root, which a well-formed layer never does.
     */
    static String normalize(String raw) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** Like {@link #normalize} but ".." at the root stays at the root, as the kernel does for chroots. */
    static String clampToRoot(String raw) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }
}
