package dev.gate.pipeline.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.SafeText;
import dev.gate.signing.InTotoStatement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two VEX formats gate reads into {@link VexStatements.Statement}s: OpenVEX documents ({@code statements}) and
 * CycloneDX VEX ({@code vulnerabilities[].analysis}, its states mapped onto OpenVEX's statuses). A statement gate could
 * not apply (no vulnerability, an unknown status) is an input error naming the document and the statement.
 */
final class VexFormats {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STATUSES = List.of("not_affected", "affected", "fixed", "under_investigation");

    private VexFormats() {}

    static List<VexStatements.Statement> statements(byte[] bytes, String where, String name) {
        JsonNode doc = parse(bytes, where);
        if (doc != null && doc.has("statements")) {
            return openVex(doc, where, name);
        } else if (doc != null
                && "CycloneDX".equals(doc.path("bomFormat").asText())
                && doc.path("vulnerabilities").isArray()) {
            return cycloneDx(doc, name);
        }
        throw GateException.input(
                where + ": neither an OpenVEX document (statements) nor CycloneDX VEX (vulnerabilities)");
    }

    private static JsonNode parse(byte[] bytes, String where) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw GateException.input(where + ": not JSON: "
                    + SafeText.of(
                            String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
    }

    /**
     * The statements of an OpenVEX document, which must say so ({@code @context} in OpenVEX's namespace) and whose
     * statements must be readable; {@code where} names it in errors, {@code name} in {@code vex.document}.
     */
    static List<VexStatements.Statement> openVexDocument(JsonNode doc, String where, String name) {
        String context = doc == null ? "" : doc.path("@context").asText("");
        if (!VexStatements.isOpenVexType(context)) {
            throw GateException.input(where + ": not an OpenVEX document ("
                    + (context.isEmpty() ? "no @context" : "@context " + SafeText.quoted(context))
                    + ", expected one in " + InTotoStatement.OPENVEX + ")");
        }
        if (!doc.has("statements")) {
            throw GateException.input(where + ": an OpenVEX document without statements");
        }
        return openVex(doc, where, name);
    }

    private static List<VexStatements.Statement> openVex(JsonNode doc, String where, String name) {
        List<VexStatements.Statement> out = new ArrayList<>();
        JsonNode list = doc.get("statements");
        if (!list.isArray()) {
            throw GateException.input(where + ": statements must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = where + ": statements[" + i + "]";
            List<String> names = new ArrayList<>();
            JsonNode vulnerability = s.path("vulnerability");
            if (vulnerability.isTextual()) {
                names.add(vulnerability.asText());
            } else {
                addText(names, vulnerability.path("name"));
                addText(names, vulnerability.path("@id"));
                vulnerability.path("aliases").forEach(a -> addText(names, a));
            }
            String status = s.path("status").asText("");
            if (names.isEmpty()) {
                throw GateException.input(at + ": no vulnerability");
            }
            if (!STATUSES.contains(status)) {
                throw GateException.input(at + ": status " + SafeText.quoted(status) + " is not one of " + STATUSES);
            }
            List<VexStatements.Product> products = new ArrayList<>();
            for (JsonNode p : s.path("products")) {
                List<String> subcomponents = new ArrayList<>();
                p.path("subcomponents").forEach(sub -> addIds(subcomponents, sub));
                products.add(new VexStatements.Product(addIds(new ArrayList<>(), p), subcomponents));
            }
            out.add(new VexStatements.Statement(
                    names, products, status, s.path("justification").asText(null), name));
        }
        return out;
    }

    private static List<VexStatements.Statement> cycloneDx(JsonNode doc, String name) {
        List<VexStatements.Statement> out = new ArrayList<>();
        for (JsonNode v : doc.get("vulnerabilities")) {
            String state = v.path("analysis").path("state").asText("");
            String status = switch (state) {
                case "not_affected", "false_positive" -> "not_affected";
                case "resolved", "resolved_with_pedigree" -> "fixed";
                case "exploitable" -> "affected";
                case "in_triage" -> "under_investigation";
                default -> null;
            };
            if (status == null) {
                continue; // no analysis: a finding, not a statement about one
            }
            List<String> names = new ArrayList<>();
            addText(names, v.path("id"));
            v.path("references").forEach(r -> addText(names, r.path("id")));
            List<VexStatements.Product> products = new ArrayList<>();
            v.path("affects")
                    .forEach(a -> products.add(
                            new VexStatements.Product(addText(new ArrayList<>(), a.path("ref")), List.of())));
            out.add(new VexStatements.Statement(
                    names,
                    products,
                    status,
                    v.path("analysis").path("justification").asText(null),
                    name));
        }
        return out;
    }

    /** An OpenVEX product or subcomponent's {@code @id} (or the plain string it is) and identifiers. */
    private static List<String> addIds(List<String> into, JsonNode component) {
        addText(into, component.isTextual() ? component : component.path("@id"));
        component.path("identifiers").fields().forEachRemaining(e -> addText(into, e.getValue()));
        return into;
    }

    private static List<String> addText(List<String> into, JsonNode node) {
        if (node != null && node.isTextual() && !node.asText().isBlank()) {
            into.add(
                    node.asText().toLowerCase(Locale.ROOT).startsWith("pkg:")
                            ? node.asText()
                            : node.asText().strip());
        }
        return into;
    }
}
