package dev.gate.scan.sbomin;

import dev.gate.errors.GateException;
import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import dev.gate.sbom.Purl;
import dev.gate.sbom.SbomProperties;
import dev.gate.scan.match.EcosystemResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a CycloneDX component to a {@link Package}. The source package of a distribution
 * package comes from the purl's {@code upstream} qualifier as syft writes it ({@code openssl} or
 * {@code openssl@1.1.1n-0+deb11u3}), else from a property such as trivy's {@code SrcName} /
 * {@code SrcVersion}, gate's own {@code gate:package:source-name} / {@code source-version}, or one named
 * {@code sourceName} / {@code sourceVersion}. Location properties become the package's paths.
 */
final class ComponentPackages {

    private static final Map<String, String> DEBIAN_CODENAMES =
            Map.of("buster", "10", "bullseye", "11", "bookworm", "12", "trixie", "13", "stretch", "9", "jessie", "8");

    private ComponentPackages() {}

    static Package toPackage(Object component, String purlText, String origin) {
        Purl purl;
        try {
            purl = Purl.parse(purlText);
        } catch (IllegalArgumentException e) {
            throw GateException.input("SBOM " + origin + ": component '" + JsonValues.text(component, "name", "?")
                    + "' has a malformed purl: " + e.getMessage());
        }
        if (!EcosystemResolver.isKnownPurlType(purl.type())) {
            throw GateException.input("SBOM " + origin + ": component '" + JsonValues.text(component, "name", "?")
                    + "' has an unknown ecosystem (purl type '" + purl.type() + "')");
        }
        String version = purl.version() != null ? purl.version() : JsonValues.text(component, "version", null);
        String sourceName = null;
        String sourceVersion = null;
        String upstream = purl.qualifiers().get("upstream");
        if (upstream != null && upstream.endsWith(".src.rpm")) {
            sourceName = sourceRpmName(upstream);
        } else if (upstream != null && !upstream.isBlank()) {
            int at = upstream.indexOf('@');
            sourceName = at >= 0 ? upstream.substring(0, at) : upstream;
            sourceVersion = at >= 0 ? upstream.substring(at + 1) : null;
        }
        List<String> paths = new ArrayList<>();
        String layer = null;
        String epochProperty = null;
        for (Object property : JsonValues.list(component, "properties")) {
            String name = JsonValues.text(property, "name", "");
            String key = name.substring(name.lastIndexOf(':') + 1)
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[-_]", "");
            String value = JsonValues.text(property, "value", null);
            if (sourceName == null && (key.equals("srcname") || key.equals("sourcename") || key.equals("source"))) {
                sourceName = value;
            } else if (sourceVersion == null && (key.equals("srcversion") || key.equals("sourceversion"))) {
                sourceVersion = value;
            } else if (key.equals("path") && name.contains("location") && value != null) {
                paths.add(value); // gate:location:path, syft:location:0:path
            } else if (name.equals(SbomProperties.LAYER_DIGEST)) {
                layer = value;
            } else if (key.equals("epoch")) {
                epochProperty = value;
            }
        }
        // syft and gate keep a distribution package's epoch in a qualifier (or property); ordering needs it
        String epoch = purl.qualifiers().getOrDefault("epoch", epochProperty);
        version = withEpoch(epoch, version);
        sourceVersion = withEpoch(epoch, sourceVersion);
        String group = purl.namespace();
        if ("deb".equals(purl.type()) || "apk".equals(purl.type()) || "rpm".equals(purl.type())) {
            group = null; // the namespace is the vendor (debian, alpine), not part of the name
        }
        return new Package(
                purl.type(),
                group,
                purl.name(),
                version,
                purlText,
                sourceName,
                sourceVersion,
                licenses(component),
                layer,
                paths);
    }

    private static String withEpoch(String epoch, String version) {
        boolean hasEpoch = epoch != null && !epoch.isBlank() && !epoch.equals("0");
        return hasEpoch && version != null && !version.contains(":") ? epoch + ":" + version : version;
    }

    /** {@code openssl-3.0.1-41.el9_0.src.rpm} names the source package {@code openssl}. */
    static String sourceRpmName(String sourceRpm) {
        String nvr = sourceRpm.substring(0, sourceRpm.length() - ".src.rpm".length());
        int release = nvr.lastIndexOf('-');
        int version = release > 0 ? nvr.lastIndexOf('-', release - 1) : -1;
        return version > 0 ? nvr.substring(0, version) : nvr;
    }

    private static List<String> licenses(Object component) {
        List<String> result = new ArrayList<>();
        for (Object l : JsonValues.list(component, "licenses")) {
            Object license = JsonValues.get(l, "license");
            String id = JsonValues.text(
                    license, "id", JsonValues.text(license, "name", JsonValues.text(l, "expression", null)));
            if (id != null) {
                result.add(id);
            }
        }
        return result;
    }

    /** Without an operating-system component, the first purl {@code distro} qualifier tells the release. */
    static OsRelease osFromPurls(List<Package> packages) {
        for (Package p : packages) {
            if (p.purl() == null) {
                continue;
            }
            String distro = Purl.parse(p.purl()).qualifiers().get("distro");
            if (distro == null) {
                continue;
            }
            String lower = distro.toLowerCase(Locale.ROOT);
            if (DEBIAN_CODENAMES.containsKey(lower)) {
                return new OsRelease("debian", DEBIAN_CODENAMES.get(lower), null);
            }
            int dash = lower.indexOf('-');
            if (dash > 0) {
                return new OsRelease(lower.substring(0, dash), lower.substring(dash + 1), null);
            }
        }
        return null;
    }
}
