package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audio of one part of a live stream: the thread that reads the live stream writes into it, the part's session
 * reads from it. Holds at most two chunks: a writer waits for the session, so the live stream is read no faster than
 * the session sends (as when the session reads it itself, realtime pacing included).
 * The writer's {@link #end()} is the end of the part's audio, once read; {@link #close()} (the session is done with
 * it, or the part is abandoned) makes writers stop and further reads fail, never look like the end of the audio.
 */
final class PartPipe extends InputStream {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current;
    private int pos;
    private long buffered;
    private boolean ended;
    private boolean readerGone;
    private final int capacity;

    PartPipe(int chunkSize) {
        this.capacity = 2 * chunkSize;
    }

    /**
     * Hands bytes to the part; waits while the part holds two chunks unread.
     *
     * @return false when the part's reader is gone (the session ended): nothing more will be read
     */
    boolean write(byte[] data, int off, int len) throws InterruptedIOException {
        if (len == 0) {
            return true;
        }
        lock.lock();
        try {
            while (!readerGone && buffered >= capacity) {
                await();
            }
            if (readerGone) {
                return false;
            }
            byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
            chunks.add(copy);
            buffered += len;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** No more bytes: the reader sees the end of the audio once it has read what was written. */
    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (current == null) {
                current = chunks.poll();
                pos = 0;
                if (current != null) {
                    break;
                }
                if (readerGone) {
                    throw new IOException("The part's audio was closed");
                }
                if (ended) {
                    return -1;
                }
                await();
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            buffered -= n;
            if (pos == current.length) {
                current = null;
            }
            changed.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** The session is done with this part (it ended, or failed): writers stop waiting. */
    @Override
    public void close() {
        lock.lock();
        try {
            readerGone = true;
            chunks.clear();
            current = null;
            buffered = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void await() throws InterruptedIOException {
        try {
            changed.await(1, TimeUnit.SECONDS); // re-checked in a loop; the bound only guards a lost signal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while passing live audio to its session");
        }
    }
}
