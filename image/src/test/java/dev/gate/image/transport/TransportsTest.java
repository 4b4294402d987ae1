package dev.gate.image.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import org.junit.jupiter.api.Test;

class TransportsTest {

    @Test
    void splitsTransportPathAndTag() {
        assertEquals(new Transports.Location("oci", "/tmp/x", "1.0"), Transports.Location.parse("oci:/tmp/x:1.0"));
        assertEquals(new Transports.Location("oci", "dir", null), Transports.Location.parse("oci:dir"));
        assertEquals(
                new Transports.Location("docker-archive", "a.tar", "app:v1"),
                Transports.Location.parse("docker-archive:a.tar:app:v1"));
        assertEquals(
                new Transports.Location("docker-daemon", "app:v1", null),
                Transports.Location.parse("docker-daemon:app:v1"));
    }

    @Test
    void bareAndDockerReferencesAreRegistries() {
        assertEquals("docker", Transports.Location.parse("nginx:1.25").transport());
        assertEquals(
                "docker", Transports.Location.parse("localhost:5000/a/b:v1").transport());
        Transports.Location explicit = Transports.Location.parse("docker://example.com/a:v1");
        assertEquals("example.com/a:v1", explicit.path());
        assertNull(explicit.qualifier());
    }

    @Test
    void unknownTransportListsTheKnownOnes() {
        GateException error = assertThrows(GateException.class, () -> Transports.source("oci-dir:/tmp/x"));
        assertTrue(error.getMessage().contains("unknown transport 'oci-dir:'"), error.getMessage());
        assertTrue(error.getMessage().contains("docker-archive"), error.getMessage());
    }

    @Test
    void emptyPathIsRefused() {
        assertThrows(GateException.class, () -> Transports.source("oci:"));
        assertThrows(GateException.class, () -> Transports.source(""));
    }
}
