package dev.gate.image.merge;

import dev.gate.errors.GateException;

/** A conditional write refused: the tag no longer holds what the writer read. Read, merge and write again. */
public final class TagMoved extends GateException {

    public TagMoved(String message) {
        super(Kind.OPERATIONAL, message);
    }
}
