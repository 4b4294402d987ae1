package dev.gate.scan.sbomin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
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
 *
 * @param document the whole SBOM as maps and lists, kept to write it back with vulnerabilities
 */
public record CycloneDxInput(
        Map<String, Object> document, List<Package> packages, OsRelease os, Map<Package, String> bomRefs) {

    public static CycloneDxInput read(Path file) {
        Object root;
        try {
            root = JsonValues.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw GateException.input("SBOM " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw GateException.input("SBOM " + file + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            if (Files.isRegularFile(file)) {
                throw GateException.input("SBOM " + file + " is not JSON: " + e.getMessage());
            }
            throw GateException.operational("cannot read SBOM " + file + ": " + e.getMessage(), e);
        }
        if (!"CycloneDX".equals(JsonValues.text(root, "bomFormat", null))) {
            throw GateException.input(
                    "SBOM " + file + " is not a CycloneDX JSON document (bomFormat is not \"CycloneDX\")");
        }
        return fromDocument(root, file.toString());
    }

    /** Reads an SBOM already in memory; {@code origin} names it in error messages. */
    public static CycloneDxInput fromBom(ObjectNode bom, String origin) {
        return fromDocument(new ObjectMapper().convertValue(bom, Map.class), origin);
    }

    /** The SBOM as a Jackson tree, for writing it back. */
    public ObjectNode bom() {
        return (ObjectNode) JsonValues.toTree(document);
    }

    @SuppressWarnings("unchecked")
    private static CycloneDxInput fromDocument(Object root, String origin) {
        List<Package> packages = new ArrayList<>();
        Map<Package, String> refs = new IdentityHashMap<>();
        List<Object> components = new ArrayList<>();
        collect(JsonValues.list(root, "components"), components);
        OsRelease os = null;
        for (Object c : components) {
            if ("operating-system".equals(JsonValues.text(c, "type", null)) && os == null) {
                os = new OsRelease(
                        JsonValues.text(c, "name", null),
                        JsonValues.text(c, "version", null),
                        JsonValues.text(c, "description", null));
            }
            String purl = JsonValues.text(c, "purl", null);
            if (purl == null || purl.isBlank()) {
                continue;
            }
            Package pkg = ComponentPackages.toPackage(c, purl, origin);
            packages.add(pkg);
            refs.put(pkg, JsonValues.text(c, "bom-ref", purl));
        }
        if (os == null) {
            os = ComponentPackages.osFromPurls(packages);
        }
        return new CycloneDxInput((Map<String, Object>) root, packages, os, refs);
    }

    private static void collect(List<?> list, List<Object> out) {
        for (Object c : list) {
            out.add(c);
            collect(JsonValues.list(c, "components"), out);
        }
    }
}
