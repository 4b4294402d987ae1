package dev.gate.image.fs;

import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The filesystem an image's container would see, built from its layers' tar headers without
 * unpacking anything to disk. Paths are absolute and normalised; symlinks resolve inside the
 * image root only.
 */
public final class SquashedFilesystem {

    private final NavigableMap<String, FileEntry> entries;
    private final List<Skipped> skipped;
    private final int maxSymlinkHops;

    SquashedFilesystem(TreeMap<String, FileEntry> entries, List<Skipped> skipped, int maxSymlinkHops) {
        this.entries = entries;
        this.skipped = List.copyOf(skipped);
        this.maxSymlinkHops = maxSymlinkHops;
    }

    public Optional<FileEntry> entry(String path) {
        String normalized = TarPaths.normalize(path);
        return normalized == null ? Optional.empty() : Optional.ofNullable(entries.get(normalized));
    }

    public Collection<FileEntry> entries() {
        return entries.values();
    }

    /** Entries whose path matches, in path order. */
    public List<FileEntry> find(Predicate<String> pathMatches) {
        return entries.values().stream().filter(e -> pathMatches.test(e.path())).collect(Collectors.toList());
    }

    /** The direct and indirect children of a directory, in path order. */
    public Collection<FileEntry> under(String dir) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        return entries.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values();
    }

    /** What the layers held that was not applied or read. */
    public List<Skipped> skipped() {
        return skipped;
    }

    /**
     * Follows symlinks (in every path element) and hard links to the entry they name. Absolute
     * targets are taken relative to the image root and ".." stops at the root, so a link can never
     * lead outside the image; loops end after the hop limit with an empty result.
     */
    public Optional<FileEntry> resolve(String path) {
        String current = TarPaths.clampToRoot(path);
        for (int hops = 0; hops <= maxSymlinkHops; hops++) {
            String[] step = resolveOneLink(current);
            if (step == null) {
                FileEntry found = entries.get(current);
                if (found != null && found.type() == FileEntry.Type.HARDLINK) {
                    current = found.linkTarget();
                    continue;
                }
                return Optional.ofNullable(found);
            }
            current = step[0];
        }
        return Optional.empty();
    }

    /** The captured bytes of a path after following links, if a capture kept them. */
    public Optional<byte[]> content(String path) {
        return resolve(path).map(FileEntry::content);
    }

    /** Rewrites the first symlinked element of the path, or returns null when none is a symlink. */
    private String[] resolveOneLink(String path) {
        int from = 1;
        while (from <= path.length()) {
            int slash = path.indexOf('/', from);
            int end = slash < 0 ? path.length() : slash;
            String prefix = path.substring(0, end);
            FileEntry e = entries.get(prefix);
            if (e != null && e.type() == FileEntry.Type.SYMLINK) {
                String target = e.linkTarget().startsWith("/")
                        ? e.linkTarget()
                        : TarPaths.parent(prefix) + "/" + e.linkTarget();
                String rest = slash < 0 ? "" : path.substring(slash);
                return new String[] {TarPaths.clampToRoot(target + rest)};
            }
            if (slash < 0) {
                return null;
            }
            from = slash + 1;
        }
        return null;
    }
}
