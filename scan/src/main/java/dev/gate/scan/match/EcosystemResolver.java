package dev.gate.scan.match;

import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import dev.gate.scan.osv.PackageNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a package (purl type, names, versions) and the image's os-release into an OSV lookup.
 * Distribution packages are advised per release ({@code Debian:12}, {@code Alpine:v3.19},
 * {@code AlmaLinux:9}); Debian and Alpine advisories name the source package ({@code libssl3} is
 * {@code openssl}) at the source version; AlmaLinux advisories list binary rpm names.
 */
public final class EcosystemResolver {

    /** Purl types with an OSV ecosystem gate can order versions for. */
    private static final Map<String, String> LANGUAGE_ECOSYSTEMS =
            Map.of("maven", "Maven", "pypi", "PyPI", "npm", "npm", "golang", "Go", "cargo", "crates.io");

    /** Purl types that exist but that gate does not match yet: reported, not an error. */
    public static final Set<String> UNSUPPORTED_TYPES = Set.of(
            "gem",
            "nuget",
            "composer",
            "hex",
            "pub",
            "swift",
            "cocoapods",
            "conan",
            "conda",
            "cran",
            "hackage",
            "github",
            "bitbucket",
            "docker",
            "oci",
            "generic",
            "bitnami",
            "qpkg",
            "swid",
            "huggingface",
            "mlflow",
            "luarocks",
            "cpan",
            "alpm",
            "android",
            "apache",
            "bazel",
            "buildroot",
            "chrome-extension",
            "clojars",
            "coreos",
            "ebuild",
            "julia",
            "nix",
            "openwrt",
            "otp",
            "vscode-extension",
            "yocto");

    private EcosystemResolver() {}

    /** Whether the purl type is one the purl specification knows, matched or not; anything else is bad input. */
    public static boolean isKnownPurlType(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return LANGUAGE_ECOSYSTEMS.containsKey(t)
                || UNSUPPORTED_TYPES.contains(t)
                || Set.of("deb", "apk", "rpm").contains(t);
    }

    /** The lookup for this package, or empty when its ecosystem (or distribution) is not supported. */
    public static Optional<PackageQuery> resolve(Package pkg, OsRelease os) {
        String type = pkg.ecosystem() == null ? "" : pkg.ecosystem().toLowerCase(Locale.ROOT);
        String language = LANGUAGE_ECOSYSTEMS.get(type);
        if (language != null) {
            if (type.equals("maven") && (pkg.group() == null || pkg.group().isBlank())) {
                // A Maven name without its group matches no advisory, and guessing one could match the wrong one.
                return Optional.empty();
            }
            String name = PackageNames.normalize(language, languageName(type, pkg));
            return Optional.of(new PackageQuery(pkg, language, List.of(name), pkg.version()));
        }
        return switch (type) {
            case "deb", "apk" ->
                distroEcosystem(type, os)
                        .map(eco -> new PackageQuery(
                                pkg,
                                eco,
                                List.of(firstNonBlank(pkg.sourceName(), pkg.name())),
                                firstNonBlank(pkg.sourceVersion(), pkg.version())));
            case "rpm" ->
                distroEcosystem(type, os).map(eco -> new PackageQuery(pkg, eco, rpmNames(pkg), pkg.version()));
            default -> Optional.empty();
        };
    }

    private static String languageName(String type, Package pkg) {
        String group = pkg.group();
        if (group == null || group.isBlank()) {
            return pkg.name();
        }
        return switch (type) {
            case "maven" -> group + ":" + pkg.name();
            case "npm" -> (group.startsWith("@") ? group : "@" + group) + "/" + pkg.name();
            default -> group + "/" + pkg.name();
        };
    }

    private static List<String> rpmNames(Package pkg) {
        Set<String> names = new LinkedHashSet<>();
        names.add(pkg.name());
        if (pkg.sourceName() != null && !pkg.sourceName().isBlank()) {
            names.add(pkg.sourceName());
        }
        return new ArrayList<>(names);
    }

    /** The OSV ecosystem of the distribution, from os-release or, failing that, the purl's distro qualifier. */
    static Optional<String> distroEcosystem(String type, OsRelease os) {
        if (os == null || os.id() == null || os.versionId() == null) {
            return Optional.empty();
        }
        String id = os.id().toLowerCase(Locale.ROOT);
        String version = os.versionId();
        String major = version.split("\\.")[0];
        return switch (id) {
            case "debian" -> type.equals("deb") ? Optional.of("Debian:" + major) : Optional.empty();
            case "ubuntu" -> type.equals("deb") ? Optional.of(ubuntu(version)) : Optional.empty();
            case "alpine" -> type.equals("apk") ? Optional.of("Alpine:v" + majorMinor(version)) : Optional.empty();
            case "almalinux", "alma" -> type.equals("rpm") ? Optional.of("AlmaLinux:" + major) : Optional.empty();
            case "rocky" -> type.equals("rpm") ? Optional.of("Rocky Linux:" + major) : Optional.empty();
            case "wolfi" -> type.equals("apk") ? Optional.of("Wolfi") : Optional.empty();
            case "chainguard" -> type.equals("apk") ? Optional.of("Chainguard") : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** OSV names Ubuntu LTS releases {@code Ubuntu:22.04:LTS} and the others {@code Ubuntu:23.10}. */
    private static String ubuntu(String version) {
        String[] parts = version.split("\\.");
        boolean lts = parts.length >= 2
                && parts[1].equals("04")
                && parts[0].matches("\\d+")
                && Integer.parseInt(parts[0]) % 2 == 0;
        return "Ubuntu:" + version + (lts ? ":LTS" : "");
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : parts[0];
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
