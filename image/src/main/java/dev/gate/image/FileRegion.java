package dev.gate.image;

import java.nio.file.Path;

/** {@code length} bytes of a local file from {@code offset}: where a blob's stored bytes lie. */
public record FileRegion(Path file, long offset, long length) {}
