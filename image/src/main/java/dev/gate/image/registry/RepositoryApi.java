package dev.gate.image.registry;

import java.net.URI;
import java.util.Set;

/**
 * One repository's part of a registry's API, {@code /v2/<name>/...}: the URLs of its endpoints and the token scopes
 * that pull from it or push to it. The endpoint classes share it, so that each spells out a call and what its answer
 * means, not where the repository lives.
 */
record RepositoryApi(RegistryHttp http, String name) {

    URI uri(String path) {
        return http.base().resolve("/v2/" + name + path);
    }

    Set<String> pull() {
        return Set.of("repository:" + name + ":pull");
    }

    Set<String> push() {
        return Set.of("repository:" + name + ":pull,push");
    }

    /** {@code registry/name}, as messages name the repository. */
    String where() {
        return http.registry() + "/" + name;
    }
}
