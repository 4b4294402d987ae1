package dev.gate.image.registry;

/**
 * A blob that already lives in a registry repository, so a push to another repository of the same
 * registry can ask for a cross-repository mount instead of sending the bytes again.
 */
public interface RegistryOrigin {

    /** The registry host, as {@link RegistryClient#registry()} spells it. */
    String originRegistry();

    String originRepository();
}
