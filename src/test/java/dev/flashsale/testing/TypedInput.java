package dev.flashsale.testing;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Strings as people and programs give them to a field: arbitrary text in any script, every
 * prefix of valid values (what a live-validated field sees while someone types), the shapes that
 * broke forms before (a lone sign or point, exponents, digits of other scripts, spaces), and
 * very long input.
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
    public static Arbitrary<String> into(String... valid) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.strings().ofMaxLength(24)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().withChars("0123456789+-.,: e").ofMaxLength(12)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(prefixes(valid))),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(AWKWARD)));
    }
}
