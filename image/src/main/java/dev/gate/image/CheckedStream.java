package dev.gate.image;

/**
 * A stream that fails at its end unless the bytes it passed match their descriptor's digest and size: a reader given
 * one need not hash the same bytes again ({@link VerifyingInputStream#checked}).
 */
public interface CheckedStream {}
