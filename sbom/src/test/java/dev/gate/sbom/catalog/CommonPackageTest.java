package dev.gate.sbom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommonPackageTest {

    @Test
    void theSharedPackageOfClassesAsTheyStreamPast() {
        CommonPackage classes = new CommonPackage();
        classes.add("org/springframework/core/SpringVersion.class");
        classes.add("org/springframework/core/io/Resource.class");
        assertEquals("org.springframework.core", classes.prefix());
        classes.add("META-INF/versions/21/org/springframework/core/task/VirtualThreadDelegate.class");
        classes.add("module-info.class");
        classes.add("org/springframework/asm/ClassReader.class");
        classes.add("org/springframework/asm/package-info.java");
        assertEquals("org.springframework", classes.prefix());
        assertEquals(4, classes.classes());
        classes.add("org/springframeworks/Other.class");
        assertEquals("org", classes.prefix(), "whole folder names only");
        classes.add("Toplevel.class");
        assertEquals("org", classes.prefix(), "a class outside any package says nothing");
        classes.add("com/x/Y.class");
        assertNull(classes.prefix());
    }

    /** The prefix is kept for every archive of an image: a 60,000-character entry name must not be kept whole. */
    @Test
    void aHugeEntryNameIsCut() {
        CommonPackage classes = new CommonPackage();
        String deep = "a/".repeat(30_000) + "X.class";
        classes.add(deep);
        String prefix = classes.prefix();
        assertTrue(prefix.length() <= CommonPackage.MAX_KEPT, "kept " + prefix.length() + " characters");
        assertTrue(prefix.startsWith("a.a.a") && !prefix.endsWith("."), prefix);
    }
}
