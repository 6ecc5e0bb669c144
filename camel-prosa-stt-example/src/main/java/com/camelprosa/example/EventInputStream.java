package com.camelprosa.example;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An InputStream that returns what a producer thread {@link #push pushes}, as soon as it is pushed: the body of a
 * streamed HTTP answer (Server-Sent Events). A read waits at most {@code idleTimeoutMillis} for more.
 */
final class EventInputStream extends InputStream {

    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final long idleTimeoutMillis;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    EventInputStream(long idleTimeoutMillis) {
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    void push(byte[] chunk) {
        if (chunk.length > 0) {
            chunks.add(chunk);
        }
    }

    /** No more chunks: readers get the end of the stream once the pushed ones are read. */
    void end() {
        chunks.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= current.length) {
            if (ended) {
                return -1;
            }
            byte[] next;
            try {
                next = chunks.poll(idleTimeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for events", e);
            }
            if (next == null) {
                throw new IOException("No event for " + idleTimeoutMillis + " ms");
            }
            if (next == END) {
                ended = true;
                return -1;
            }
            current = next;
            pos = 0;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - pos;
    }
}
