package dev.gate.policy.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every single-call conformance case of the builtin folders agrees with OPA when replayed on the registry. */
class ConformanceCallsTest {
    static final List<String> FOLDERS = List.of(
            "aggregates",
            "array",
            "base64builtins",
            "base64urlbuiltins",
            "casts",
            "cryptox509parsecertificates",
            "globmatch",
            "globquotemeta",
            "globsmatch",
            "hexbuiltins",
            "intersection",
            "jsonbuiltins",
            "jsonfilter",
            "jsonfilteridempotent",
            "jsonpatch",
            "jsonremove",
            "jsonremoveidempotent",
            "jsonschema",
            "netcidrcontains",
            "netcidrcontainsmatches",
            "netcidrexpand",
            "netcidrintersects",
            "netcidrisvalid",
            "netcidrmerge",
            "numbersrange",
            "numbersrangestep",
            "objectfilter",
            "objectfilteridempotent",
            "objectfilternonstringkey",
            "objectget",
            "objectkeys",
            "objectremove",
            "objectremoveidempotent",
            "objectunion",
            "regexfind",
            "regexfindallstringsubmatch",
            "regexisvalid",
            "regexmatchtemplate",
            "regexreplace",
            "regexsplit",
            "replacen",
            "semvercompare",
            "semverisvalid",
            "sets",
            "strings",
            "subset",
            "time",
            "trim",
            "trimleft",
            "trimprefix",
            "trimright",
            "trimspace",
            "trimsuffix",
            "type",
            "typebuiltin",
            "typenamebuiltin",
            "union",
            "units");

    @Test
    void singleCallCasesAgreeWithOpa() throws Exception {
        ConformanceCalls replay = new ConformanceCalls();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String folder : FOLDERS) {
            for (ConformanceCalls.Outcome o : replay.replay(folder)) {
                checked++;
                if (o.problem() != null) failures.add(o.folder() + " / " + o.note() + ": " + o.problem());
            }
        }
        System.out.println("replayed " + checked + " single-call cases, " + failures.size() + " differ");
        failures.forEach(System.out::println);
        assertTrue(checked > 150, "too few cases replayed: " + checked);
        assertEquals(List.of(), failures);
    }
}
