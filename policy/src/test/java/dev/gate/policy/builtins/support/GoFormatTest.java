package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoFormatTest {
    private static String f(String format, Object... args) {
        return GoFormat.sprintf(format, List.of(args));
    }

    @Test
    void integers() {
        assertEquals("hi 05", f("hi %02d", 5L));
        assertEquals("hi 7F.01", f("hi %02X.%02X", 127L, 1L));
        assertEquals("-ff 0xff 11111111 377 0o377", f("%x %#x %b %o %O", -255L, 255L, 255L, 255L, 255L));
        assertEquals(
                "[   42] [42   ] [+42] [-0042] [007]", f("[%5d] [%-5d] [%+d] [%05d] [%.3d]", 42L, 42L, 42L, -42L, 7L));
        assertEquals("'a' A U+0041", f("%q %c %U", 97L, 65L, 65L));
        assertEquals("123456789012345678901234567890", f("%d", new BigInteger("123456789012345678901234567890")));
    }

    @Test
    void floats() {
        assertEquals("hi 3.14", f("hi %.2f", 3.1415));
        assertEquals("0.12 2.67 1.000000", f("%.2f %.2f %f", 0.125, 2.675, 1.0));
        assertEquals("3.14 1e+06 1.0000005e+06 1e-05 0.0001", f("%v %v %v %v %v", 3.14, 1e6, 1000000.5, 1e-5, 1e-4));
        assertEquals(
                "1.234568e+06 1.2E+06 1.234567891e+06 100",
                f("%e %.1E %g %g", 1234567.891, 1234567.891, 1234567.891, 100.0));
        assertEquals("3.1 -03.14 +2.5", f("%.2g %06.2f %+.1f", 3.14159, -3.14159, 2.5));
    }

    @Test
    void stringsAndOpaArguments() {
        assertEquals("hi there", f("hi %s", "there"));
        assertEquals("hi [\"there\", 5, 3.14]", f("hi %v", "[\"there\", 5, 3.14]"));
        assertEquals(
                "\"a\\nb\" 6869 [  ab] [ab  ] [abc]",
                f("%q %x [%4s] [%-4s] [%.3s]", "a\nb", "hi", "ab", "ab", "abcdef"));
        assertEquals("hi 2e308", f("hi %v", GoFormat.numberArgument("2e308")));
        assertEquals(5L, GoFormat.numberArgument("5"));
        assertEquals(1.0, GoFormat.numberArgument("1.0"));
    }

    @Test
    void goErrorMarkers() {
        assertEquals("%!d(string=true)", f("%d", "true"));
        assertEquals("%!s(int64=5)", f("%s", 5L));
        assertEquals("%!d(float64=1.5)", f("%d", 1.5));
        assertEquals("a %!d(MISSING)", f("a %d"));
        assertEquals("a%!(EXTRA string=b, int64=1)", f("a", "b", 1L));
        // What opa 1.22 prints: a bad verb's value keeps the width and precision.
        assertEquals("%!f(string=a)|%!f(string=   [1)|%!d(string=x)", f("%.1f|%5.2f|%.3d", "abc", "[1, 2]", "x"));
        assertEquals("100% %!(NOVERB)", f("100%% %"));
        assertEquals("b a", f("%[2]s %[1]s", "a", "b"));
        assertEquals("%!d(BADINDEX)", f("%[3]d", 1L));
        assertEquals("int64 string float64", f("%T %T %T", 1L, "s", 1.5));
    }
}
