package dev.gate.scan.osv;

import java.util.Locale;

/** The key a package name is stored and looked up under, so "Jinja2" and "jinja2" meet. */
public final class PackageNames {

    private PackageNames() {}

    /** PyPI names are compared in PEP 503 normal form; other ecosystems' names are exact. */
    public static String normalize(String ecosystem, String name) {
        if ("PyPI".equals(ecosystem)) {
            return name.trim().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        }
        return name.trim();
    }
}
