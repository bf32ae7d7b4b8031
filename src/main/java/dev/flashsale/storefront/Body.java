package dev.flashsale.storefront;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * One answer's bytes as the storefront sends them: the JSON, the same gzipped (made once, beside
 * it, for answers large enough to gain from it) and a strong entity tag derived from the JSON, so
 * every node that holds the same answer tags it alike.
 */
final class Body {
    /** Smaller answers are sent as they are: a gzip header and a CPU's time would cost more than they save. */
    static final int MIN_GZIP_BYTES = 1024;

    private final byte[] json;
    private final byte[] gzip;
    private volatile String tag;
    private volatile String gzipTag;

    private Body(byte[] json, byte[] gzip) {
        this.json = json;
        this.gzip = gzip;
    }

    static Body of(byte[] json) {
        byte[] gz = json.length >= MIN_GZIP_BYTES ? gzip(json) : null;
        return new Body(json, gz != null && gz.length < json.length ? gz : null);
    }

    byte[] json() {
        return json;
    }

    /** The gzipped JSON, or null when the answer is sent as it is. */
    byte[] gzip() {
        return gzip;
    }

    /**
     * The JSON's entity tag, quoted ({@code "..."}): the first 128 bits of its SHA-256, made on
     * first use (the console's panel renders answers too, and never asks).
     */
    String tag() {
        String t = tag;
        if (t == null) {
            t = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256(json), 16)) + "\"";
            tag = t;
        }
        return t;
    }

    /** The tag of the gzipped form: a strong tag names one representation, so the two differ. */
    String gzipTag() {
        String g = gzipTag;
        if (g == null) {
            String t = tag();
            g = t.substring(0, t.length() - 1) + "-gz\"";
            gzipTag = g;
        }
        return g;
    }

    long bytes() {
        return json.length + (gzip == null ? 0 : gzip.length) + 64;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 8 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 8192)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }
}
