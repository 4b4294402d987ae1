package dev.gate.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The one JUnit XML writer: what CI systems count, and hostile text that stays text. */
class JunitXmlTest {

    @Test
    void countsEachOutcomePerSuiteAndInTotal() throws Exception {
        String xml = new JunitXml("gate policy test", null)
                .add("data.a", "test_ok", JunitXml.Outcome.PASSED, List.of(), "a.rego:3", Duration.ofMillis(1500))
                .add("data.a", "test_bad", JunitXml.Outcome.FAILED, List.of("data.a.test_bad is false"), null, null)
                .add("data.b", "test_err", JunitXml.Outcome.ERROR, List.of("eval_conflict_error"), null, null)
                .add("data.b", "todo_test_x", JunitXml.Outcome.SKIPPED, List.of(), null, Duration.ofMillis(250))
                .property("coverage", "25.00")
                .xml();
        Element root = parse(xml).getDocumentElement();
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        assertEquals("1", root.getAttribute("skipped"));
        assertEquals("1.750", root.getAttribute("time"));
        Element a = (Element) root.getElementsByTagName("testsuite").item(0);
        Element b = (Element) root.getElementsByTagName("testsuite").item(1);
        assertEquals("data.a", a.getAttribute("name"));
        assertEquals("1", a.getAttribute("failures"));
        assertEquals("0", a.getAttribute("errors"));
        assertEquals("1", b.getAttribute("errors"));
        assertEquals("1", b.getAttribute("skipped"));
        Element ok = (Element) a.getElementsByTagName("testcase").item(0);
        assertEquals("a.rego:3", ok.getAttribute("file"));
        assertEquals("1.500", ok.getAttribute("time"));
        assertEquals(
                "eval_conflict_error",
                ((Element) b.getElementsByTagName("error").item(0)).getAttribute("message"));
        assertEquals(1, b.getElementsByTagName("skipped").getLength());
        for (Element suite : List.of(a, b)) {
            Element property = (Element) suite.getElementsByTagName("property").item(0);
            assertEquals("coverage", property.getAttribute("name"));
            assertEquals("25.00", property.getAttribute("value"));
        }
    }

    @Test
    void textFromImagesAndPoliciesCannotBreakTheDocument() throws Exception {
        String hostile = "x\"/><testcase name=\"forged\"/>&\u0007\u001b[2J\uffff\ud800";
        String xml = new JunitXml(hostile, hostile)
                .fail(hostile, hostile, List.of(hostile, "second line"))
                .xml();
        Document doc = parse(xml);
        assertEquals(1, doc.getElementsByTagName("testcase").getLength(), xml);
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertFalse(failure.getTextContent().contains("\u001b"), "controls are shown escaped, not sent to a log");
        assertEquals(2, failure.getTextContent().lines().count());
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
