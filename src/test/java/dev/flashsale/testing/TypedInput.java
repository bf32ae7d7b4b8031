package dev.flashsale.testing;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Strings as people and programs give them to a field: arbitrary text in any script, every
 * prefix of valid values (what a live-validated field sees while someone types), the shapes that
 * broke forms before (a lone sign or point, exponents, digits of other scripts, spaces), and
 * very long input. Generators for QuickTheories.
 */
public final class TypedInput {
    private TypedInput() {
    }

    /** Every prefix of each value, the empty string included. */
    public static List<String> prefixes(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (int i = 0; i <= v.length(); i++) {
                out.add(v.substring(0, i));
            }
        }
        return out;
    }

    public static final List<String> AWKWARD = List.of("-", "+", ".", "-.", "+.", "..", "--5", "+-5", "1e5", "1E-2",
            "0x10", " 5 ", "\t5", "5\n", "٣٫٥", "５", "१२", "1,5", "1.000,50", "1 000", "NaN", "Infinity", "-0", "0.00",
            "00:00", "24:00", "23:60", "9:5", "９:３０", "12:30:00", "\u0000", "\uFEFF5", "\u202E5", "𝟓", "null",
            "9".repeat(10_000), "1".repeat(16), "0." + "0".repeat(40) + "1", "-".repeat(10_000));

    /** Arbitrary text, prefixes of {@code valid}, and the awkward shapes above. */
    public static Gen<String> into(String... valid) {
        return Generate.frequency(List.of(
                Pair.of(4, anyText(24)),
                Pair.of(3, ofChars("0123456789+-.,: e", 12)),
                Pair.of(2, Generate.pick(prefixes(valid))),
                Pair.of(2, Generate.pick(AWKWARD)))).describedAs(TypedInput::escaped);
    }

    /** {@code n} values of {@code gen} (for checks that feed a list of values through a real window at once). */
    public static <T> List<T> sample(Gen<T> gen, int n) {
        List<T> out = new ArrayList<>();
        QuickTheory.qt().withExamples(n).withShrinkCycles(0).forAll(gen).checkAssert(out::add);
        return out;
    }

    /** Text of up to {@code maxLength} code points from all of Unicode (other scripts, controls, emoji). */
    public static Gen<String> anyText(int maxLength) {
        return anyText(0, maxLength);
    }

    /**
     * Text of {@code minLength} to {@code maxLength} code points from all of Unicode: ASCII most
     * often, then control and Latin-1 characters, other scripts, private use and specials, and
     * characters beyond the first plane (surrogate pairs in Java). Never a lone surrogate: no
     * keyboard, clipboard or UTF-8 file can give one.
     */
    public static Gen<String> anyText(int minLength, int maxLength) {
        Gen<Integer> codePoint = Generate.frequency(List.of(
                Pair.of(4, Generate.range(0x20, 0x7e)),
                Pair.of(2, Generate.range(0x00, 0xff)),
                Pair.of(3, Generate.range(0x100, 0xd7ff)),
                Pair.of(1, Generate.range(0xe000, 0xffff)),
                Pair.of(1, Generate.range(0x10000, Character.MAX_CODE_POINT))));
        return lists().of(codePoint).ofSizeBetween(minLength, maxLength)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString())
                .describedAs(TypedInput::escaped);
    }

    /**
     * A value as a Java string literal, so a failure report shows what was typed: a NUL, a
     * right-to-left mark or a lone surrogate would otherwise cut or scramble the message.
     */
    public static String escaped(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else {
                b.append(String.format("\\u%04x", c));
            }
        });
        return b.append('"').toString();
    }

    /** Text of up to {@code maxLength} characters taken from {@code chars}. */
    public static Gen<String> ofChars(String chars, int maxLength) {
        List<String> each = chars.codePoints().mapToObj(Character::toString).toList();
        return lists().of(Generate.pick(each)).ofSizeBetween(0, maxLength).map(l -> String.join("", l))
                .describedAs(TypedInput::escaped);
    }
}
