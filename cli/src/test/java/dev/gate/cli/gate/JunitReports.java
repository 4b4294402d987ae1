package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads a JUnit XML report as a CI system would: parsed by an XML parser, its counts checked against its cases. */
public final class JunitReports {

    private JunitReports() {}

    /** Each test case's name, mapped to its failure's text, or null when it passed. */
    public static Map<String, String> cases(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc =
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName(), xml);
        NodeList testCases = doc.getElementsByTagName("testcase");
        NodeList failures = doc.getElementsByTagName("failure");
        assertEquals(testCases.getLength(), Integer.parseInt(root.getAttribute("tests")), xml);
        assertEquals(failures.getLength(), Integer.parseInt(root.getAttribute("failures")), xml);
        NodeList suites = doc.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            assertEquals(
                    suite.getElementsByTagName("testcase").getLength(),
                    Integer.parseInt(suite.getAttribute("tests")),
                    xml);
            assertEquals(
                    suite.getElementsByTagName("failure").getLength(),
                    Integer.parseInt(suite.getAttribute("failures")),
                    xml);
        }
        Map<String, String> cases = new LinkedHashMap<>();
        for (int i = 0; i < testCases.getLength(); i++) {
            Element c = (Element) testCases.item(i);
            NodeList failure = c.getElementsByTagName("failure");
            cases.put(
                    c.getAttribute("name"),
                    failure.getLength() == 0 ? null : failure.item(0).getTextContent());
        }
        return cases;
    }
}
