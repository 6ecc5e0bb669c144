package com.camelprosa.prosastt.client;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * One part of longer audio, as a session sends it: the bytes {@code [start, end)} of the source, after a WAV header of
 * their own when the source is a WAV.
 */
final class PartSource implements AudioSource {

    private final AudioSource whole;
    private final AudioLayout layout;
    private final long start;
    private final long end;

    PartSource(AudioSource whole, AudioLayout layout, long start, long end) {
        this.whole = whole;
        this.layout = layout;
        this.start = start;
        this.end = end;
    }

    @Override
    public InputStream open() throws IOException {
        InputStream in = openAt(whole, start);
        InputStream samples = new Limited(in, end - start);
        return layout.wav() == null ? samples
                : new SequenceInputStream(new ByteArrayInputStream(layout.wavHeader(end - start, layout.channels())), samples);
    }

    /** The audio opened and read up to {@code offset} (closed again if that fails). */
    static InputStream openAt(AudioSource audio, long offset) throws IOException {
        InputStream in = audio.open();
        try {
            in.skipNBytes(offset);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public String fileName() {
        return whole.fileName();
    }

    @Override
    public boolean mayBlock() {
        return whole.mayBlock();
    }

    @Override
    public long length() {
        return (layout.wav() == null ? 0 : 44) + end - start;
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return len == 0 ? 0 : -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
