package dev.flashsale.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Precomputed key index sequences, so generating a key costs nothing inside the measured loop. */
final class KeyStream {
    static final int KEYS = 10_000;
    static final int LENGTH = 1 << 16;
    static final int MASK = LENGTH - 1;

    private KeyStream() {
    }

    static int[] of(String distribution, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] seq = new int[LENGTH];
        if (distribution.equals("uniform")) {
            for (int i = 0; i < LENGTH; i++) {
                seq[i] = rnd.nextInt(KEYS);
            }
            return seq;
        }
        // Zipf with exponent 0.99 (YCSB's default) over ranks, ranks shuffled onto keys so the hot
        // keys are not neighbours in the map.
        double[] cdf = new double[KEYS];
        double sum = 0;
        for (int r = 0; r < KEYS; r++) {
            sum += 1.0 / Math.pow(r + 1, 0.99);
            cdf[r] = sum;
        }
        int[] rankToKey = new int[KEYS];
        for (int i = 0; i < KEYS; i++) {
            rankToKey[i] = i;
        }
        SplittableRandom shuffle = new SplittableRandom(42);
        for (int i = KEYS - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = rankToKey[i];
            rankToKey[i] = rankToKey[j];
            rankToKey[j] = t;
        }
        for (int i = 0; i < LENGTH; i++) {
            double u = rnd.nextDouble() * sum;
            int r = Arrays.binarySearch(cdf, u);
            seq[i] = rankToKey[r >= 0 ? r : Math.min(KEYS - 1, -r - 1)];
        }
        return seq;
    }

    static String[] keys() {
        String[] keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "price:" + i;
        }
        return keys;
    }
}
