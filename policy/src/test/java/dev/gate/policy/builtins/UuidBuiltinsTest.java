package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertCall;
import static dev.gate.policy.builtins.Calls.assertUndefined;

import org.junit.jupiter.api.Test;

class UuidBuiltinsTest {
    @Test
    void randomUuidsGiveVersionAndVariant() {
        assertCall(
                "{\"variant\": \"RFC4122\", \"version\": 4}", "uuid.parse", "\"00000000-0000-4000-8000-000000000000\"");
        assertCall(
                "{\"variant\": \"RFC4122\", \"version\": 4}",
                "uuid.parse",
                "\"urn:uuid:00000000-0000-4000-8000-000000000000\"");
        assertCall(
                "{\"variant\": \"Microsoft\", \"version\": 4}",
                "uuid.parse",
                "\"{00000000-0000-4000-c000-000000000000}\"");
        assertCall(
                "{\"variant\": \"RFC4122\", \"version\": 4}",
                "uuid.parse",
                "\"(00000000-0000-4000-8000-000000000000)\"");
    }

    @Test
    void timeBasedUuidsGiveTheirTimeAndNode() {
        // 0x01b21dd213814000 ticks of 100 ns after 1582-10-15 is the Unix epoch; one second later is
        // 0x01b21dd21419d680.
        assertCall(
                "{\"clocksequence\": 4660, \"macvariables\": \"local:multicast\", \"nodeid\": \"03-00-00-00-00-01\","
                        + " \"time\": 1000000000, \"variant\": \"RFC4122\", \"version\": 1}",
                "uuid.parse",
                "\"1419d680-1dd2-11b2-9234-030000000001\"");
        assertCall(
                "{\"clocksequence\": 12800, \"domain\": \"Person\", \"id\": 1000, \"macvariables\": \"local:unicast\","
                        + " \"nodeid\": \"32-50-96-b3-9f-47\", \"time\": 1693566990121469600, \"variant\": \"RFC4122\", \"version\": 2}",
                "uuid.parse",
                "\"000003e8-48b9-21ee-b200-325096b39f47\"");
        assertUndefined("uuid.parse", "\"not-a-uuid\"");
        assertUndefined("uuid.parse", "\"00000000-0000-4000-8000-00000000000g\"");
    }
}
