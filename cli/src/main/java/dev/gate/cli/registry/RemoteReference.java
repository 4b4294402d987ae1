package dev.gate.cli.registry;

import dev.gate.errors.GateException;
import dev.gate.image.Reference;
import dev.gate.image.SafeText;

/** A registry reference as the registry commands take it: {@code docker://REF} or a bare {@code REF}. */
final class RemoteReference {

    private RemoteReference() {}

    static Reference parse(String text) {
        return Reference.parse(text.startsWith("docker://") ? text.substring("docker://".length()) : text);
    }

    /** A repository without tag or digest, e.g. {@code registry.example.com/team/app}. */
    static Reference repository(String text) {
        String bare = text.startsWith("docker://") ? text.substring("docker://".length()) : text;
        String last = bare.substring(bare.lastIndexOf('/') + 1);
        if (last.contains(":") || bare.contains("@")) {
            throw GateException.input(SafeText.quoted(text) + " names an image; give the repository alone, e.g. "
                    + "registry.example.com/team/app");
        }
        return Reference.parse(bare);
    }
}
