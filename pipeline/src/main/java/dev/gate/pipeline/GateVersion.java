package dev.gate.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven stamped into the build, as SBOMs, attestations and reports name the tool. */
public final class GateVersion {

    private GateVersion() {
    }

    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = GateVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
