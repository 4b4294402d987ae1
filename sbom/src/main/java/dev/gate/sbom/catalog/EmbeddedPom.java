package dev.gate.sbom.catalog;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The coordinates of a {@code META-INF/maven/<group>/<artifact>/pom.xml}, for an archive that kept its pom.xml
 * but not its pom.properties: the project's own groupId, artifactId and version, else its parent's group and
 * version. A value with a {@code ${property}} in it is left out (it needs a build to resolve). Read with a
 * streaming parser that takes no DTD and resolves no entity: the file comes from an image.
 */
final class EmbeddedPom {

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    private EmbeddedPom() {}

    /** Null when the file is not a pom gate can read. */
    static MavenCoordinates of(byte[] pomXml) {
        String group = null;
        String artifact = null;
        String version = null;
        String parentGroup = null;
        String parentVersion = null;
        try {
            XMLStreamReader xml = XML.createXMLStreamReader(new ByteArrayInputStream(pomXml));
            int depth = 0;
            boolean inParent = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = xml.getLocalName();
                    if (depth == 2 && name.equals("parent")) {
                        inParent = true;
                    } else if (depth == 2) {
                        switch (name) {
                            case "groupId" -> group = text(xml);
                            case "artifactId" -> artifact = text(xml);
                            case "version" -> version = text(xml);
                            default -> {}
                        }
                        depth -= name.equals("groupId") || name.equals("artifactId") || name.equals("version") ? 1 : 0;
                    } else if (depth == 3 && inParent && (name.equals("groupId") || name.equals("version"))) {
                        String value = text(xml);
                        depth--;
                        if (name.equals("groupId")) {
                            parentGroup = value;
                        } else {
                            parentVersion = value;
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && xml.getLocalName().equals("parent")) {
                        inParent = false;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        }
        return new MavenCoordinates(
                resolved(group != null ? group : parentGroup),
                resolved(artifact),
                resolved(version != null ? version : parentVersion));
    }

    private static String text(XMLStreamReader xml) throws XMLStreamException {
        String value = xml.getElementText().strip();
        return value.length() > JarReader.MAX_MANIFEST_VALUE ? value.substring(0, JarReader.MAX_MANIFEST_VALUE) : value;
    }

    private static String resolved(String value) {
        return value == null || value.isEmpty() || value.contains("${") ? null : value;
    }
}
