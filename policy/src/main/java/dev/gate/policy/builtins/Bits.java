package dev.gate.policy.builtins;

import dev.gate.policy.value.NumberValue;
import java.math.BigInteger;
import java.util.function.BinaryOperator;

/** bits.*: bitwise operations on arbitrary-size integers, two's complement for negatives (as Go's big.Int). */
final class Bits {
    static final BuiltinDeclaration OR =
            BuiltinDeclaration.of("bits.or", "number", "Bitwise or of two integers.", "number", "number");
    static final BuiltinDeclaration AND =
            BuiltinDeclaration.of("bits.and", "number", "Bitwise and of two integers.", "number", "number");
    static final BuiltinDeclaration XOR =
            BuiltinDeclaration.of("bits.xor", "number", "Bitwise exclusive or of two integers.", "number", "number");
    static final BuiltinDeclaration NEGATE =
            BuiltinDeclaration.of("bits.negate", "number", "Bitwise negation of an integer.", "number");
    static final BuiltinDeclaration LSH =
            BuiltinDeclaration.of("bits.lsh", "number", "Shifts an integer left by n bits.", "number", "number");
    static final BuiltinDeclaration RSH =
            BuiltinDeclaration.of("bits.rsh", "number", "Shifts an integer right by n bits.", "number", "number");

    private Bits() {}

    static void register(BuiltinRegistry r) {
        binary(r, OR, BigInteger::or);
        binary(r, AND, BigInteger::and);
        binary(r, XOR, BigInteger::xor);
        r.add(
                NEGATE,
                (ctx, args) ->
                        NumberValue.of(Values.bigInteger("bits.negate", args, 1).not()));
        r.add(
                LSH,
                (ctx, args) ->
                        NumberValue.of(Values.bigInteger("bits.lsh", args, 1).shiftLeft(shift("bits.lsh", args))));
        r.add(
                RSH,
                (ctx, args) ->
                        NumberValue.of(Values.bigInteger("bits.rsh", args, 1).shiftRight(shift("bits.rsh", args))));
    }

    private static void binary(BuiltinRegistry r, BuiltinDeclaration d, BinaryOperator<BigInteger> op) {
        r.add(
                d,
                (ctx, args) -> NumberValue.of(
                        op.apply(Values.bigInteger(d.name(), args, 1), Values.bigInteger(d.name(), args, 2))));
    }

    private static int shift(String name, java.util.List<dev.gate.policy.value.Value> args) {
        BigInteger n = Values.bigInteger(name, args, 2);
        if (n.signum() < 0)
            throw BuiltinException.type(
                    name + ": operand 2 must be an unsigned integer number but got a negative integer");
        // A left shift by 2^31 would need a quarter gigabyte; a 16-million-bit number is already far beyond any policy.
        if (n.compareTo(BigInteger.valueOf(1 << 24)) > 0) throw BuiltinException.builtin(name, "shift count too large");
        return n.intValue();
    }
}
