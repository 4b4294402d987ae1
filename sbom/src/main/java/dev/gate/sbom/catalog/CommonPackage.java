package dev.gate.sbom.catalog;

/**
 * The package that all classes of an archive share, found from entry names as they stream past (one string
 * comparison per class, nothing kept per class). Multi-release copies under {@code META-INF/versions/N/}
 * count as the classes they replace; {@code module-info} and classes outside any package are left out, as
 * they say nothing about a group.
 */
final class CommonPackage {

    static final int MAX_KEPT = 256;
    private static final String VERSIONED = "META-INF/versions/";
    /** Where a war and a Spring Boot jar keep their own classes. */
    private static final java.util.List<String> CLASS_FOLDERS =
            java.util.List.of("WEB-INF/classes/", "BOOT-INF/classes/");

    private String prefix;
    private int classes;

    void add(String entryName) {
        if (!entryName.endsWith(".class")) {
            return;
        }
        String name = entryName;
        for (String folder : CLASS_FOLDERS) {
            if (name.startsWith(folder)) {
                name = name.substring(folder.length());
            }
        }
        if (name.startsWith(VERSIONED)) {
            int slash = name.indexOf('/', VERSIONED.length());
            name = slash < 0 ? "" : name.substring(slash + 1);
        }
        int lastSlash = name.lastIndexOf('/');
        if (lastSlash <= 0 || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
            return;
        }
        classes++;
        String folder = name.substring(0, lastSlash);
        prefix = prefix == null ? folder : shared(prefix, folder);
    }

    /**
     * Dotted ({@code org.springframework}); null when there are no classes or they share no package. Kept for
     * every archive of an image, so cut to {@link #MAX_KEPT} characters at a folder boundary: a group is never
     * that long, and an entry name can be 64 KiB.
     */
    String prefix() {
        if (prefix == null || prefix.isEmpty()) {
            return null;
        }
        String kept = prefix;
        if (kept.length() > MAX_KEPT) {
            int cut = kept.lastIndexOf('/', MAX_KEPT);
            kept = cut > 0 ? kept.substring(0, cut) : kept.substring(0, MAX_KEPT);
        }
        return kept.replace('/', '.');
    }

    int classes() {
        return classes;
    }

    /** The longest run of whole folder names both paths start with. */
    private static String shared(String a, String b) {
        if (b.startsWith(a) && (b.length() == a.length() || b.charAt(a.length()) == '/')) {
            return a;
        }
        int end = 0;
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i <= n; i++) {
            boolean boundaryA = i == a.length() || a.charAt(i) == '/';
            boolean boundaryB = i == b.length() || b.charAt(i) == '/';
            if (boundaryA && boundaryB) {
                end = i;
            }
            if (i == n || a.charAt(i) != b.charAt(i)) {
                break;
            }
        }
        return a.substring(0, end);
    }
}
