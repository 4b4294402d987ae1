package dev.gate.policy.format;

import dev.gate.policy.ast.Module;
import dev.gate.policy.syntax.RegoVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Rego a module was read as and the Rego it is written as, and what that decides for every part of the output:
 * {@code if} or braces before bodies, {@code contains} or {@code p[x]} for sets, {@code :=} or {@code =}, which
 * directive imports stay, and which words a reference keeps in brackets.
 *
 * @param regoV1 a v0 module is rewritten as v1 ({@code opa fmt --rego-v1})
 * @param staysV0 the module is v0 and is written as v0 (no {@code --rego-v1})
 * @param v1Source the module was written in v1 (not v0, whether or not it is rewritten)
 * @param v0Bodies the module is v0 and stays v0: bodies without {@code if} unless it imports the keyword
 * @param v0Sets a v0 module that stays v0 and does not import {@code contains}: sets are written {@code p[x]}
 * @param keywords the keywords opa fmt keeps in brackets when a reference names them so: the dialect's and those
 *     imported
 */
record Dialect(
        boolean regoV1, boolean staysV0, boolean v1Source, boolean v0Bodies, boolean v0Sets, Set<String> keywords) {

    static Dialect of(Module module, boolean regoV1) {
        boolean staysV0 = !regoV1 && module.regoVersion() == RegoVersion.V0;
        return new Dialect(
                regoV1,
                staysV0,
                module.regoVersion() != RegoVersion.V0,
                staysV0 && !importsKeyword(module, "if"),
                staysV0 && !importsKeyword(module, "contains"),
                keywords(module, staysV0));
    }

    private static Set<String> keywords(Module m, boolean v0) {
        Set<String> keywords = new HashSet<>(
                List.of("not", "package", "import", "as", "default", "else", "with", "null", "true", "false", "some"));
        if (!v0) keywords.addAll(List.of("if", "contains", "in", "every"));
        for (Module.Import i : m.imports()) {
            if (i.path().size() == 3 && i.path().subList(0, 2).equals(List.of("future", "keywords")))
                keywords.add(i.path().get(2));
            if (i.path().equals(List.of("rego", "v2")))
                keywords.addAll(List.of("if", "contains", "in", "every", "and", "or"));
        }
        return keywords;
    }

    private static boolean importsKeyword(Module m, String keyword) {
        return m.imports().stream()
                .anyMatch(i -> i.path().equals(List.of("future", "keywords"))
                        || i.path().equals(List.of("future", "keywords", keyword)));
    }
}
