package com.camelprosa.benchmark;

import java.io.InputStream;

import com.camelprosa.prosastt.emulator.SyntheticAudio;

/**
 * A WAV of any length made on the fly (16 kHz mono 16-bit): 1 s of tone then 1 s of silence, repeated, so the
 * emulator finds speech segments all along. Holds no more than one period in memory, whatever the length.
 */
final class SyntheticWav extends InputStream {

    static final int RATE = 16000;
    static final int BYTES_PER_SECOND = RATE * 2;
    private static final byte[] PERIOD = SyntheticAudio.pcm(RATE, 0, 1.0, 1.0);

    private final byte[] header;
    private final long total;
    private long position;

    /** A WAV of {@code totalBytes} bytes, header included. */
    SyntheticWav(long totalBytes) {
        this.header = SyntheticAudio.wavHeader(RATE, 1, totalBytes - 44);
        this.total = totalBytes;
    }

    static SyntheticWav ofSeconds(double seconds) {
        return new SyntheticWav(44 + (long) (seconds * BYTES_PER_SECOND) / 2 * 2);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (position >= total) {
            return -1;
        }
        int n = (int) Math.min(length, total - position);
        for (int i = 0; i < n; i++, position++) {
            into[offset + i] = position < 44 ? header[(int) position] : PERIOD[(int) ((position - 44) % PERIOD.length)];
        }
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, total - position);
    }
}
