package dev.gate.cli.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.GateException;
import org.junit.jupiter.api.Test;

class RegistryFlagsTest {

    @Test
    void chunkSizesUseBinaryMultiples() {
        assertEquals(16L << 20, RegistryFlags.parseSize("16MiB"));
        assertEquals(512L << 10, RegistryFlags.parseSize("512k"));
        assertEquals(1L << 30, RegistryFlags.parseSize("1G"));
        assertEquals(1048576, RegistryFlags.parseSize("1048576"));
    }

    @Test
    void badChunkSizesAreInputErrors() {
        for (String bad : new String[] {"lots", "16 parsecs", "1k", "99999999999999G"}) {
            GateException error = assertThrows(GateException.class, () -> RegistryFlags.parseSize(bad));
            assertEquals(GateException.Kind.INPUT, error.kind());
            assertTrue(error.getMessage().startsWith("--chunk-size '" + bad + "'"), error.getMessage());
        }
    }
}
