package com.camelprosa.component.prosastt.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake live recorder for {@link com.camelprosa.component.prosastt.LongAudioAttackTest}: an InputStream of unknown
 * length that hands out a recording as fast as it is read, or from a given byte on at real pace, and at {@code stopAt} ends, stalls forever or throws, as
 * scripted. Unlike {@link java.io.PipedInputStream}, {@link #close()} wakes a read waiting for audio (which then
 * fails), as a socket's close does: a reader that closes the stream gets its thread back.
 */
public final class LongAudioAttackRecorder extends InputStream {

    /** What the recorder does once it has handed out {@code stopAt} bytes. */
    public enum Then {
        /** The call ended: end of stream. */
        END,
        /** The recorder hangs: never another byte, never the end, until closed. */
        STALL,
        /** The recorder breaks: an IOException. */
        FAIL
    }

    private static final int MAX_READ = 3200;

    private final byte[] audio;
    private final int stopAt;
    private final Then then;
    private final int realtimeFrom;
    private final double bytesPerSecond;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private int position;
    private long pacedSince;
    private int pacedFrom;

    /**
     * @param audio          the recording (a WAV, header included)
     * @param stopAt         bytes handed out before {@code then}
     * @param then           what happens at {@code stopAt}
     * @param realtimeFrom   from this byte on, bytes come at {@code bytesPerSecond}; before it, as fast as read
     * @param bytesPerSecond the real pace (32000 for 16 kHz 16-bit mono)
     */
    public LongAudioAttackRecorder(byte[] audio, int stopAt, Then then, int realtimeFrom, double bytesPerSecond) {
        this.audio = audio;
        this.stopAt = Math.min(stopAt, audio.length);
        this.then = then;
        this.realtimeFrom = realtimeFrom;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** The whole recording, as fast as it is read, then the end. */
    public static LongAudioAttackRecorder fast(byte[] audio) {
        return new LongAudioAttackRecorder(audio, audio.length, Then.END, Integer.MAX_VALUE, 0);
    }

    /** As fast as read up to {@code stopAt}, then {@code then}. */
    public static LongAudioAttackRecorder fast(byte[] audio, int stopAt, Then then) {
        return new LongAudioAttackRecorder(audio, stopAt, then, Integer.MAX_VALUE, 0);
    }

    /** At {@code speed} times real pace (16 kHz 16-bit mono) from the start. */
    public static LongAudioAttackRecorder paced(byte[] audio, double speed) {
        return new LongAudioAttackRecorder(audio, audio.length, Then.END, 0, 32000 * speed);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (isClosed()) {
                throw new IOException("The recorder's stream was closed");
            }
            if (position >= stopAt) {
                stopped.countDown();
                switch (then) {
                    case END:
                        return -1;
                    case FAIL:
                        throw new IOException("The recorder lost its line");
                    default:
                        waitFor(1000); // a stall: only close() ends it
                        continue;
                }
            }
            int allowed = stopAt;
            if (position >= realtimeFrom) {
                long now = System.nanoTime();
                if (pacedSince == 0) {
                    pacedSince = now;
                    pacedFrom = position;
                }
                allowed = (int) Math.min(stopAt, pacedFrom + (long) ((now - pacedSince) / 1e9 * bytesPerSecond));
                if (allowed <= position) {
                    waitFor(10); // the recorder's pace: the next 10 ms of the call
                    continue;
                }
            } else {
                allowed = Math.min(stopAt, realtimeFrom);
            }
            int n = Math.min(Math.min(len, MAX_READ), allowed - position);
            System.arraycopy(audio, position, b, off, n);
            position += n;
            return n;
        }
    }

    private void waitFor(long millis) throws IOException {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while waiting for the recorder");
        }
    }

    @Override
    public synchronized void close() {
        closed.countDown();
        notifyAll();
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Waits until someone closed the stream. */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether the reader got as far as {@code stopAt}. */
    public boolean reachedStop() {
        return stopped.getCount() == 0;
    }

    public synchronized int position() {
        return position;
    }
}
