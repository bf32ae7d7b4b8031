package dev.flashsale.sale.admin;

import dev.flashsale.sale.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A file read as UTF-8 text, strictly: the first byte that is not UTF-8 (a spreadsheet saved as
 * "CSV" in a legacy code page, an image, a zip) stops the read with a {@link ValidationException}
 * that says so and where, instead of the JDK's "Input length = 1". Streams: memory stays at one
 * buffer whatever the file's size.
 */
final class Utf8Input extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024);
    /** Bytes of the file before {@code bytes}' first byte. */
    private long offset;
    /** Line of the next byte to decode (1-based). */
    private long line = 1;
    private boolean eof;
    private boolean flushed;

    Utf8Input(InputStream in) {
        this.in = in;
        bytes.flip(); // empty, in read mode
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (flushed) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        while (out.position() == off) {
            if (!bytes.hasRemaining() || !eof) {
                fill();
            }
            int from = bytes.position();
            CoderResult r = decoder.decode(bytes, out, eof);
            countLines(from, bytes.position());
            if (r.isError()) {
                throw notUtf8(bytes.get(bytes.position()));
            }
            if (eof && !bytes.hasRemaining()) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                }
                return out.position() == off ? -1 : out.position() - off;
            }
        }
        return out.position() - off;
    }

    /** Moves what is left to the front and reads more behind it. */
    private void fill() throws IOException {
        if (eof) {
            return;
        }
        offset += bytes.position();
        bytes.compact();
        try {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } finally {
            bytes.flip();
        }
    }

    private void countLines(int from, int to) {
        byte[] a = bytes.array();
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                line++;
            }
        }
    }

    /** The bytes decoded so far. */
    long bytesRead() {
        return offset + bytes.position();
    }

    private ValidationException notUtf8(byte bad) {
        long at = offset + bytes.position();
        return new ValidationException("file", String.format(Locale.ROOT,
                "the file is not UTF-8 text: byte 0x%02X on line %d (byte %,d of the file) is not UTF-8;"
                        + " save it as \"CSV UTF-8\" (Excel) or with UTF-8 encoding", bad & 0xff, line, at));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
