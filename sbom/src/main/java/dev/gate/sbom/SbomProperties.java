package dev.gate.sbom;

/**
 * The names of the properties gate writes on CycloneDX components and metadata, in one place for the writer and for
 * everything that reads an SBOM back (the scanner, the policy input document).
 */
public final class SbomProperties {

    /** The package's ecosystem as gate names it: deb, rpm, apk, npm, pypi, maven, golang. */
    public static final String PACKAGE_TYPE = "gate:package:type";
    /** The digest of the layer the package was found in. */
    public static final String LAYER_DIGEST = "gate:layer:digest";
    /** A path the package was found at, one property per path. */
    public static final String LOCATION_PATH = "gate:location:path";

    public static final String PACKAGE_EPOCH = "gate:package:epoch";
    public static final String SOURCE_NAME = "gate:package:source-name";
    public static final String SOURCE_VERSION = "gate:package:source-version";
    /** How a Java archive was named: pom-properties, manifest, sha1-index, package-prefix or filename. */
    public static final String JAVA_IDENTIFIED_BY = "gate:java:identified-by";
    /** On the image's metadata component: the image digest the SBOM describes. */
    public static final String IMAGE_DIGEST = "gate:image:digest";
    /** On the metadata: something the catalogers could not read, and why. */
    public static final String UNKNOWN = "gate:unknown";

    private SbomProperties() {}
}
