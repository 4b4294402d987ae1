package dev.gate.cli.registry;

import dev.gate.errors.GateException;
import dev.gate.image.Reference;
import dev.gate.image.SafeText;

/** The registry a login names, as docker accepts it: {@code host[:port]}, also written as an https URL. */
final class RegistryName {

    private RegistryName() {}

    static String parse(String text) {
        String host = text.strip().replaceFirst("^https?://", "").replaceFirst("/+(v[12]/?)?$", "");
        if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
            host = Reference.DOCKER_HUB;
        }
        if (host.isEmpty() || host.contains("/") || host.contains("@") || !namesRegistry(host)) {
            throw GateException.input(
                    SafeText.quoted(text) + " is not a registry: expected HOST[:PORT], e.g. registry.example.com");
        }
        return host;
    }

    private static boolean namesRegistry(String host) {
        try {
            return Reference.parse(host + "/probe").registry().equals(host);
        } catch (GateException e) {
            return false;
        }
    }
}
