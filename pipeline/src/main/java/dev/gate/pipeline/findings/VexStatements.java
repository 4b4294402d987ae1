package dev.gate.pipeline.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Digest;
import dev.gate.image.SafeText;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.sbom.Purl;
import dev.gate.signing.InTotoStatement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * VEX: a supplier's or security team's statement that a vulnerability does not affect a product (or is fixed in it),
 * read from OpenVEX documents and CycloneDX VEX ({@link VexFormats}). A statement applies to a finding
 * when it names the finding's id or an alias and its product is the finding's package (its purl, version included,
 * qualifiers aside) or the image: the whole image (by digest, reference or repository), or of an index only the
 * platform image the finding was found in (by that image's digest). A product's subcomponents narrow it to those
 * packages within it, as OpenVEX means them. The finding then carries {@code vex {status,
 * justification, document}}; the documents used are listed with their digests in {@code input.vex}. Documents come
 * from files, from registry artifacts ({@link VexArtifacts}) or from attestations a trusted key signed
 * ({@link AttestedVex}); the statements are the same whatever carried them.
 */
public final class VexStatements {

    static final long MAX_FILE = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SETTLED = List.of("not_affected", "fixed");

    /** One statement about the vulnerabilities it names in its products. */
    record Statement(
            List<String> vulnerabilities,
            List<Product> products,
            String status,
            String justification,
            String document) {}

    /**
     * A product: {@code ids} (purls, image references or digests) name it; {@code subcomponents}, when any, the packages
     * within it the statement is about.
     */
    record Product(List<String> ids, List<String> subcomponents) {}

    /** The statements of a set of documents, and the documents with their SHA-256. */
    public record Documents(List<Statement> statements, List<ObjectNode> files) {
        public static final Documents NONE = new Documents(List.of(), List.of());

        /** These documents, then {@code more}: a finding takes the first statement that covers it. */
        public Documents and(Documents more) {
            List<Statement> allStatements = new ArrayList<>(statements);
            allStatements.addAll(more.statements);
            List<ObjectNode> allFiles = new ArrayList<>(files);
            allFiles.addAll(more.files);
            return new Documents(List.copyOf(allStatements), List.copyOf(allFiles));
        }
    }

    private VexStatements() {}

    public static Documents read(List<Path> files) {
        return read(files.stream().map(Path::toString).toList(), RegistryOptions.defaults());
    }

    /** {@code sources}: files, or VEX artifacts in a registry ({@code oci://REF}) read with {@code registries}. */
    public static Documents read(List<String> sources, RegistryOptions registries) {
        List<Statement> statements = new ArrayList<>();
        List<ObjectNode> documents = new ArrayList<>();
        for (String source : sources) {
            ObjectNode listed = JSON.createObjectNode();
            byte[] bytes;
            String name;
            if (VexArtifacts.isReference(source)) {
                VexArtifacts.Fetched fetched = VexArtifacts.fetch(source, registries);
                bytes = fetched.bytes();
                name = fetched.pinned();
                listed.put("reference", name);
            } else {
                bytes = NamedFiles.read("--vex", Path.of(source), MAX_FILE);
                name = source;
                listed.put("file", name);
            }
            statements.addAll(VexFormats.statements(bytes, "--vex " + SafeText.of(name), name));
            documents.add(listed.put("sha256", Digest.sha256(bytes).hex()));
        }
        return new Documents(statements, documents);
    }

    /** Whether {@code predicateType} is OpenVEX's: its namespace, as cosign writes it, or a versioned one. */
    public static boolean isOpenVexType(String predicateType) {
        return predicateType.equals(InTotoStatement.OPENVEX) || predicateType.startsWith(InTotoStatement.OPENVEX + "/");
    }

    /** Refuses, as an input error, a document that is not OpenVEX or whose statements gate could not apply. */
    public static void requireOpenVex(JsonNode doc, String where) {
        VexFormats.openVexDocument(doc, where, where);
    }

    /** Sets {@code vex} on the findings a statement covers and lists the documents in {@code input.vex}. */
    public static void apply(ObjectNode input, Documents documents) {
        JsonNode image = input.path("image");
        for (JsonNode v : input.path("vulnerabilities")) {
            List<String> ids = new ArrayList<>();
            ids.add(v.path("id").asText());
            v.path("aliases").forEach(a -> ids.add(a.asText()));
            String purl = v.path("package").path("purl").asText("");
            String platformImage = v.path("platform").path("digest").asText("");
            covering(documents, ids, p -> covers(p, image, platformImage, purl))
                    .ifPresent(s -> mark((ObjectNode) v, s));
        }
        ArrayNode listed = input.putObject("vex").putArray("documents");
        documents.files().forEach(listed::add);
    }

    /**
     * Whether the statement that covers advisory {@code ids} in the package {@code purl} calls it {@code not_affected}
     * or {@code fixed}: a finding a scan leaves out, as trivy does with {@code --vex}.
     */
    public static boolean settles(Documents documents, List<String> ids, String purl) {
        String of = purl == null ? "" : purl;
        return covering(
                        documents,
                        ids,
                        p -> p.ids().stream().anyMatch(id -> isPackage(id, of))
                                || p.subcomponents().stream().anyMatch(id -> isPackage(id, of)))
                .map(s -> SETTLED.contains(s.status()))
                .orElse(false);
    }

    /**
     * Whether {@code product} is the package {@code purl}, or holds it: the image, or the platform image (of an index)
     * whose digest is {@code platformImage}, unless the product's subcomponents name other packages only.
     */
    private static boolean covers(Product product, JsonNode image, String platformImage, String purl) {
        if (product.ids().stream().anyMatch(id -> isPackage(id, purl))) {
            return true;
        }
        boolean inImage = product.ids().stream()
                .anyMatch(id -> isImage(id, image) || !platformImage.isEmpty() && isDigest(id, platformImage));
        return inImage
                && (product.subcomponents().isEmpty()
                        || product.subcomponents().stream().anyMatch(id -> isPackage(id, purl)));
    }

    /** The first statement that names one of {@code ids} about a product {@code product} accepts, in document order. */
    private static Optional<Statement> covering(Documents documents, List<String> ids, Predicate<Product> product) {
        return documents.statements().stream()
                .filter(s ->
                        s.vulnerabilities().stream().anyMatch(n -> ids.stream().anyMatch(n::equalsIgnoreCase)))
                .filter(s -> s.products().stream().anyMatch(product))
                .findFirst();
    }

    private static void mark(ObjectNode finding, Statement s) {
        ObjectNode vex = finding.putObject("vex");
        vex.put("status", s.status());
        if (s.justification() == null) {
            vex.putNull("justification");
        } else {
            vex.put("justification", s.justification());
        }
        vex.put("document", s.document());
    }

    /** The image by digest (alone, or in a {@code pkg:oci} purl or a reference), by reference, or by repository. */
    private static boolean isImage(String product, JsonNode image) {
        String digest = image.path("digest").asText();
        if (!digest.isEmpty() && isDigest(product, digest)) {
            return true;
        }
        String repository =
                image.path("registry").asText() + "/" + image.path("repository").asText();
        return product.equals(image.path("ref").asText()) || product.equals(repository);
    }

    /** {@code digest} alone, in a reference or in a {@code pkg:oci} purl. */
    private static boolean isDigest(String product, String digest) {
        return product.equals(digest)
                || product.endsWith("@" + digest)
                || product.contains("@" + digest.replace(":", "%3A"));
    }

    private static boolean isPackage(String product, String purl) {
        if (!product.startsWith("pkg:") || purl.isEmpty()) {
            return false;
        }
        try {
            Purl a = Purl.parse(product);
            Purl b = Purl.parse(purl);
            return a.type().equals(b.type())
                    && java.util.Objects.equals(a.namespace(), b.namespace())
                    && a.name().equals(b.name())
                    && (a.version() == null || a.version().equals(b.version()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
