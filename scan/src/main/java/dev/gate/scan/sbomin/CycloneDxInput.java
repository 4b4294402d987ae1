package dev.gate.scan.sbomin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.GateException;
import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CycloneDX JSON SBOM read for scanning: its packages (components with a purl, nested ones
 * included), the distribution it describes and each package's {@code bom-ref}, so findings can be
 * written back against the same components.
 */
public record CycloneDxInput(ObjectNode bom, List<Package> packages, OsRelease os, Map<Package, String> bomRefs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static CycloneDxInput read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw GateException.input("SBOM " + file + " does not exist");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw GateException.input("SBOM " + file + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw GateException.operational("cannot read SBOM " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !"CycloneDX".equals(root.path("bomFormat").asText())) {
            throw GateException.input("SBOM " + file + " is not a CycloneDX JSON document (bomFormat is not \"CycloneDX\")");
        }
        return fromBom((ObjectNode) root, file.toString());
    }

    /** Reads an SBOM already in memory; {@code origin} names it in error messages. */
    public static CycloneDxInput fromBom(ObjectNode bom, String origin) {
        List<Package> packages = new ArrayList<>();
        Map<Package, String> refs = new IdentityHashMap<>();
        List<JsonNode> components = new ArrayList<>();
        collect(bom.path("components"), components);
        OsRelease os = null;
        for (JsonNode c : components) {
            if ("operating-system".equals(c.path("type").asText()) && os == null) {
                os = new OsRelease(c.path("name").asText(null), c.path("version").asText(null), c.path("description").asText(null));
            }
            String purl = c.path("purl").asText(null);
            if (purl == null || purl.isBlank()) {
                continue;
            }
            Package pkg = ComponentPackages.toPackage(c, purl, origin);
            packages.add(pkg);
            refs.put(pkg, c.path("bom-ref").asText(purl));
        }
        if (os == null) {
            os = ComponentPackages.osFromPurls(packages);
        }
        return new CycloneDxInput(bom, packages, os, refs);
    }

    private static void collect(JsonNode list, List<JsonNode> out) {
        for (JsonNode c : list) {
            out.add(c);
            collect(c.path("components"), out);
        }
    }
}
