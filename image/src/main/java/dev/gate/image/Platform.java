package dev.gate.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gate.errors.GateException;
import java.util.List;

/** The platform of one entry of a multi-platform index, as the OCI image spec spells it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(
        String architecture,
        String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        String variant) {

    public static Platform parse(String text) {
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw GateException.input("invalid platform '" + text + "': expected OS/ARCH[/VARIANT]");
        }
        return new Platform(parts[1], parts[0], null, null, parts.length == 3 ? parts[2] : null);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
