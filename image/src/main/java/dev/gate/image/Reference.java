package dev.gate.image;

import dev.gate.errors.GateException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference normalized by Docker's rules: {@code nginx} is
 * {@code docker.io/library/nginx:latest}, {@code localhost:5000/a/b@sha256:...} keeps its registry.
 * A reference always has a tag or a digest (or both); a bare name gets {@code latest}.
 */
public record Reference(String registry, String repository, String tag, Digest digest) {

    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final int MAX_NAME_LENGTH = 255;

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+\\]");

    public Reference {
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
    }

    /** Whether {@code tag} is a tag by the OCI distribution grammar: {@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}. */
    public static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** Parses and normalizes {@code text}; throws an input error naming the rule that failed. */
    public static Reference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text, "reference is empty");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (GateException e) {
                throw invalid(text, e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "tag '" + tag + "' must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
            }
        }
        String registry;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        if (slash < 0 || !looksLikeRegistry(first)) {
            registry = DOCKER_HUB;
            path = rest;
        } else {
            registry = first;
            path = rest.substring(slash + 1);
            if (!DOMAIN.matcher(registry).matches()) {
                throw invalid(text, "registry '" + registry + "' is not a valid host[:port]");
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (path.isEmpty()) {
            throw invalid(text, "repository name is empty");
        }
        if (!path.equals(path.toLowerCase(Locale.ROOT))) {
            throw invalid(text, "repository name must be lowercase");
        }
        for (String component : path.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw invalid(
                        text,
                        "repository path component '" + component
                                + "' must be lowercase letters and digits separated by '.', '_', '__' or '-'");
            }
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (registry.length() + 1 + path.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "repository name must not be longer than " + MAX_NAME_LENGTH + " characters");
        }
        return new Reference(registry, path, tag, digest);
    }

    private static boolean looksLikeRegistry(String first) {
        return first.contains(".")
                || first.contains(":")
                || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    private static GateException invalid(String text, String why) {
        return GateException.input("invalid image reference '" + text + "': " + why);
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    /** What to ask the registry for: the digest when known, else the tag. */
    public String identifier() {
        return digest != null ? digest.toString() : tag;
    }

    public Reference withTag(String newTag) {
        return parse(name() + ":" + newTag);
    }

    public Reference withDigest(Digest newDigest) {
        return new Reference(registry, repository, tag, newDigest);
    }

    /** The same repository pinned to {@code newDigest} alone, as signatures name their subject. */
    public Reference atDigest(Digest newDigest) {
        return new Reference(registry, repository, null, newDigest);
    }

    /** Whether the registry lives on this machine, where plain HTTP is allowed. */
    public boolean isLoopback() {
        String host =
                registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1) : registry.split(":")[0];
        return isLoopbackHost(host);
    }

    /**
     * {@code localhost}, an IPv4 literal in 127.0.0.0/8 or the IPv6 literal {@code [::1]}. A name
     * that merely starts with {@code 127.} ({@code 127.0.0.1.nip.io}) resolves wherever its owner
     * wants, so only literals count; no name is ever looked up.
     */
    public static boolean isLoopbackHost(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        Matcher v4 = IPV4.matcher(host);
        if (v4.matches()) {
            for (int octet = 1; octet <= 4; octet++) {
                if (Integer.parseInt(v4.group(octet)) > 255) {
                    return false;
                }
            }
            return v4.group(1).equals("127");
        }
        if (IPV6.matcher(host).matches()) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never resolved
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name());
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }
}
