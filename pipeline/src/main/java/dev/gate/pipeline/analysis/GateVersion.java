package dev.gate.pipeline.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven stamped into the build, as SBOMs, attestations and reports name the tool. */
public final class GateVersion {

    private GateVersion() {}

    public static String current() {
        // From the jar's manifest, which the JVM already holds (with the class-data archive, without opening the jar).
        // A resource lookup instead searches the class path in order, opening every jar before this one: about
        // 80 of them, some tens of milliseconds of every command that names the tool.
        String stamped = GateVersion.class.getPackage().getImplementationVersion();
        if (stamped != null) {
            return stamped;
        }
        // Run from a build folder (the module's own tests): no manifest, the resource Maven filtered.
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
