package dev.gate.sbom.format;

import dev.gate.errors.GateException;
import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomProperties;
import dev.gate.sbom.Unknown;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * CycloneDX 1.6 JSON. Components come in the SBOM's stable order, so two runs differ only in
 * serial number and timestamp, or not at all when {@link #reproducible reproducible}. Properties use the
 * {@code gate:} namespace ({@link dev.gate.sbom.SbomProperties}).
 */
public final class CycloneDxWriter {

    public static final Version VERSION = Version.VERSION_16;

    /** The tool version a reproducible SBOM's serial number is derived from; null: a random serial and a timestamp. */
    private final String reproducibleFor;

    /** A serial number of its own and the time of writing, as a one-off SBOM carries. */
    public CycloneDxWriter() {
        this(null);
    }

    private CycloneDxWriter(String reproducibleFor) {
        this.reproducibleFor = reproducibleFor;
    }

    /**
     * The same image and tool version give the same bytes: a serial number derived from both and no creation time.
     * A rerun after a failure then attaches the very SBOM the first run attached, and an SBOM referrer and an SBOM
     * attestation written from one run always agree.
     */
    public static CycloneDxWriter reproducible(String toolVersion) {
        return new CycloneDxWriter(java.util.Objects.requireNonNull(toolVersion));
    }

    public String write(Sbom sbom) {
        try {
            return BomGeneratorFactory.createJson(VERSION, toBom(sbom)).toJsonString();
        } catch (GeneratorException e) {
            throw GateException.operational("writing CycloneDX failed: " + e.getMessage(), e);
        }
    }

    Bom toBom(Sbom sbom) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:"
                + (reproducibleFor == null
                        ? UUID.randomUUID()
                        : UUID.nameUUIDFromBytes((sbom.imageDigest() + " " + reproducibleFor)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        bom.setMetadata(metadata(sbom));
        Map<String, String> refByPurl = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Component> components = new ArrayList<>();
        if (sbom.os() != null) {
            Component os = new Component();
            os.setType(Component.Type.OPERATING_SYSTEM);
            os.setBomRef("os:" + sbom.os().id() + "@" + sbom.os().versionId());
            os.setName(sbom.os().id());
            os.setVersion(sbom.os().versionId());
            os.setDescription(sbom.os().name());
            components.add(os);
        }
        for (Package p : sbom.packages()) {
            // A package without a purl (an archive that could not be named) is referred to by where it is.
            String key = p.purl() != null
                    ? p.purl()
                    : "gate:unidentified:"
                            + (p.paths().isEmpty() ? p.name() : p.paths().get(0));
            int n = seen.merge(key, 1, Integer::sum);
            String ref = n == 1 ? key : key + "#" + n;
            if (p.purl() != null) {
                refByPurl.putIfAbsent(p.purl(), ref);
            }
            components.add(component(p, ref));
        }
        bom.setComponents(components);
        bom.setDependencies(dependencies(sbom, refByPurl));
        List<Property> unknowns = new ArrayList<>();
        for (Unknown u : sbom.unknowns()) {
            unknowns.add(property(SbomProperties.UNKNOWN, u.path() + ": " + u.reason()));
        }
        if (!unknowns.isEmpty()) {
            bom.setProperties(unknowns);
        }
        return bom;
    }

    private Metadata metadata(Sbom sbom) {
        Metadata metadata = new Metadata();
        metadata.setTimestamp(
                reproducibleFor == null ? new Date() : null); // a new Metadata carries the time of its making
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("gate");
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setBomRef(sbom.imageDigest());
        image.setName(sbom.imageName());
        image.setVersion(sbom.imageDigest());
        image.setProperties(List.of(property(SbomProperties.IMAGE_DIGEST, sbom.imageDigest())));
        metadata.setComponent(image);
        return metadata;
    }

    private static Component component(Package p, String ref) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef(ref);
        // Go module paths are names, not groups; trivy and syft write them whole.
        c.setGroup(p.ecosystem().equals("golang") ? null : p.group());
        c.setName(p.name());
        // Like trivy, distribution versions are written without the epoch, which the purl's epoch
        // qualifier and a property carry; scanners that compare versions read it from there.
        String[] epochAndVersion = splitEpoch(p);
        c.setVersion(epochAndVersion[1]);
        c.setPurl(p.purl());
        if (!p.hashes().isEmpty()) {
            List<Hash> hashes = new ArrayList<>();
            p.hashes().forEach((algorithm, value) -> hashes.add(new Hash(algorithm, value)));
            c.setHashes(hashes);
        }
        if (!p.licenses().isEmpty()) {
            LicenseChoice choice = new LicenseChoice();
            for (String name : p.licenses()) {
                License license = new License();
                license.setName(name);
                choice.addLicense(license);
            }
            c.setLicenses(choice);
        }
        List<Property> props = new ArrayList<>();
        props.add(property(SbomProperties.PACKAGE_TYPE, p.ecosystem()));
        if (p.layer() != null) {
            props.add(property(SbomProperties.LAYER_DIGEST, p.layer()));
        }
        p.paths().forEach(path -> props.add(property(SbomProperties.LOCATION_PATH, path)));
        if (epochAndVersion[0] != null) {
            props.add(property(SbomProperties.PACKAGE_EPOCH, epochAndVersion[0]));
        }
        if (p.sourceName() != null) {
            props.add(property(SbomProperties.SOURCE_NAME, p.sourceName()));
        }
        if (p.sourceVersion() != null) {
            props.add(property(SbomProperties.SOURCE_VERSION, p.sourceVersion()));
        }
        p.properties().forEach((name, value) -> props.add(property(name, value)));
        c.setProperties(props);
        return c;
    }

    private static String[] splitEpoch(Package p) {
        if (p.version() == null) {
            return new String[] {null, null};
        }
        int colon = p.version().indexOf(':');
        boolean distro = p.ecosystem().equals("deb") || p.ecosystem().equals("rpm");
        if (!distro || colon <= 0 || !p.version().substring(0, colon).chars().allMatch(Character::isDigit)) {
            return new String[] {null, p.version()};
        }
        return new String[] {p.version().substring(0, colon), p.version().substring(colon + 1)};
    }

    private static List<Dependency> dependencies(Sbom sbom, Map<String, String> refByPurl) {
        List<Dependency> result = new ArrayList<>();
        sbom.dependencies().forEach((purl, targets) -> {
            String ref = refByPurl.get(purl);
            if (ref == null) {
                return;
            }
            Dependency d = new Dependency(ref);
            targets.stream()
                    .map(refByPurl::get)
                    .filter(t -> t != null)
                    .distinct()
                    .forEach(t -> d.addDependency(new Dependency(t)));
            result.add(d);
        });
        return result;
    }

    private static Property property(String name, String value) {
        Property p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }
}
