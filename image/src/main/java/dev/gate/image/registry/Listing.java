package dev.gate.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.Reference;
import dev.gate.image.SafeText;
import dev.gate.image.oci.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paged list call ({@code tags/list}, {@code _catalog}): every page the registry's
 * {@code Link: <...>; rel="next"} headers lead to, each read with a size cap. The pages stay on the
 * registry's own origin; the number of pages and entries is bounded, and a page seen twice ends the
 * walk, so a registry cannot keep the caller listing forever. Every entry must read back as a name
 * of its kind (a tag, a repository), so what a registry lists can go into a reference unchecked.
 */
final class Listing {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?", Pattern.CASE_INSENSITIVE);
    static final int MAX_PAGES = 10_000;
    static final int MAX_ENTRIES = 1_000_000;

    private final RegistryHttp http;
    private final String what;
    private final Set<String> scopes;
    private final String field;
    private final Predicate<String> valid;

    /** {@code field} names the page's array; {@code valid} tells a well-formed entry (a tag, a repository name). */
    private Listing(RegistryHttp http, String what, Set<String> scopes, String field, Predicate<String> valid) {
        this.http = http;
        this.what = what;
        this.scopes = scopes;
        this.field = field;
        this.valid = valid;
    }

    /** Every tag of {@code repository}, across the registry's {@code Link} pages. */
    static List<String> tags(RepositoryApi repository) {
        RegistryHttp http = repository.http();
        String name = repository.name();
        return new Listing(
                        http,
                        "list tags of " + repository.where(),
                        repository.pull(),
                        "tags",
                        tag -> isRepository(http, name)
                                && parses(http, name + ":" + tag, r -> tag.equals(r.tag()) && r.digest() == null))
                .all("/v2/" + name + "/tags/list", repository.where() + ": no such repository (404)");
    }

    /** Every repository the registry's {@code _catalog} lists, across its {@code Link} pages. */
    static List<String> catalog(RegistryHttp http) {
        return new Listing(
                        http,
                        "list the catalog of " + http.registry(),
                        Set.of("registry:catalog:*"),
                        "repositories",
                        name -> isRepository(http, name))
                .all("/v2/_catalog", http.registry() + ": the registry has no catalog (404)");
    }

    private static boolean isRepository(RegistryHttp http, String name) {
        return !name.isEmpty()
                && parses(http, name, r -> name.equals(r.repository()) && Reference.DEFAULT_TAG.equals(r.tag()));
    }

    /** Whether {@code nameAndTag} on this registry reads back as itself: a name gate may put in a reference. */
    private static boolean parses(RegistryHttp http, String nameAndTag, Predicate<Reference> check) {
        try {
            Reference parsed = Reference.parse(http.registry() + "/" + nameAndTag);
            return parsed.registry().equals(http.registry()) && check.test(parsed);
        } catch (GateException e) {
            return false;
        }
    }

    /** All entries from {@code path} on; a 404 on the first page is {@code notFound}, an input error. */
    private List<String> all(String path, String notFound) {
        List<String> entries = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        String next = path;
        while (next != null) {
            if (!visited.add(next)) {
                break;
            }
            if (visited.size() > MAX_PAGES) {
                throw GateException.operational(
                        what + ": " + http.registry() + " kept paging past " + MAX_PAGES + " pages", null);
            }
            URI page = http.base().resolve(next);
            HttpResponse<byte[]> response = http.exchange(
                    what,
                    scopes,
                    () -> HttpRequest.newBuilder(page)
                            .header("Accept", "application/json")
                            .GET(),
                    CappedBody.upTo(CappedBody.LISTING_PAGE));
            if (response.statusCode() == 404 && entries.isEmpty()) {
                throw GateException.input(notFound);
            }
            if (response.statusCode() != 200) {
                throw RegistryErrors.of(what, response);
            }
            read(response.body(), entries);
            next = response.headers().firstValue("Link").map(this::nextPage).orElse(null);
        }
        return entries;
    }

    private void read(byte[] body, List<String> into) {
        JsonNode list;
        try {
            JsonNode page = Json.MAPPER.readTree(body);
            list = page == null ? null : page.path(field);
        } catch (IOException e) {
            throw GateException.operational(
                    what + ": " + http.registry() + " answered with something that is not JSON", e);
        }
        if (list == null || list.isNull() || list.isMissingNode()) {
            return; // Distribution answers "tags": null for a repository whose tags were all deleted
        }
        if (!list.isArray()) {
            throw GateException.operational(
                    what + ": " + http.registry() + " answered without a '" + field + "' list", null);
        }
        for (JsonNode entry : list) {
            if (!entry.isTextual() || !valid.test(entry.asText())) {
                String shown = SafeText.quoted(entry.isTextual() ? entry.asText() : entry.toString());
                throw GateException.operational(
                        what + ": " + http.registry() + " listed " + shown + ", which is not a valid name", null);
            }
            if (into.size() >= MAX_ENTRIES) {
                throw GateException.operational(
                        what + ": " + http.registry() + " listed more than " + MAX_ENTRIES + " entries", null);
            }
            into.add(entry.asText());
        }
    }

    /**
     * The path of the next page, resolved against the registry. A link to another origin (which
     * would not get the credentials, but could feed the caller any list) or outside the API ends
     * the run.
     */
    private String nextPage(String link) {
        Matcher m = NEXT.matcher(link);
        if (!m.find()) {
            return null;
        }
        URI base = http.base();
        URI target;
        try {
            target = base.resolve(m.group(1));
        } catch (IllegalArgumentException e) {
            throw GateException.operational(
                    what + ": " + http.registry() + " sent a Link that is not a URL: " + SafeText.quoted(m.group(1)),
                    null);
        }
        if (!Redirects.sameOrigin(target, base)
                || target.getRawPath() == null
                || !target.getRawPath().startsWith("/v2/")) {
            throw GateException.operational(
                    what + ": " + http.registry() + " sent a Link to a page outside its API: "
                            + SafeText.quoted(m.group(1)),
                    null);
        }
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }
}
