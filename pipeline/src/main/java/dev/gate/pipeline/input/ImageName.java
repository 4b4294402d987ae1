package dev.gate.pipeline.input;

import dev.gate.image.Reference;

/**
 * How the destination names the image in the policy input document ({@code input.image.ref},
 * {@code registry}, {@code repository}, {@code namespace}, {@code name}, {@code tag}).
 */
public record ImageName(String ref, String registry, String repository, String namespace, String name, String tag) {

    /** The registry a local OCI layout stands in for, so that policies can tell it from a real one. */
    public static final String LAYOUT_REGISTRY = "oci";

    public static ImageName of(Reference reference) {
        return of(reference.toString(), reference.registry(), reference.repository(), reference.tag());
    }

    /** An OCI layout {@code oci:DIR[:TAG]}: the directory's name is the repository. */
    public static ImageName ofLayout(String location, String directoryName, String tag) {
        return of(location, LAYOUT_REGISTRY, directoryName, tag);
    }

    private static ImageName of(String ref, String registry, String repository, String tag) {
        int slash = repository.lastIndexOf('/');
        String namespace = slash < 0 ? "" : repository.substring(0, slash);
        String name = repository.substring(slash + 1);
        return new ImageName(ref, registry, repository, namespace, name, tag);
    }

    /** What a signature's {@code docker-reference} names: registry/repository, as cosign writes it. */
    public String signedName() {
        return registry + "/" + repository;
    }
}
