package dev.gate.sbom;

/** The distribution an image is built on, from {@code /etc/os-release}: e.g. debian, 12, Debian GNU/Linux 12 (bookworm). */
public record OsRelease(String id, String versionId, String name) {}
