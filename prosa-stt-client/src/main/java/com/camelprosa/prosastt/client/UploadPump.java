package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends one session's audio in chunks with at most two of them handed to the socket and not yet written (one with
 * realtime pacing), so reading the next chunk overlaps writing this one and a slow server slows the reading instead
 * of filling the heap. No thread waits in between: each written chunk triggers the next read. With realtime pacing a
 * chunk is sent when the audio before it has "played". Ends with the empty end-of-audio frame.
 */
final class UploadPump {

    /** Writes binary frames asynchronously; {@code done} gets null once written, else the failure. */
    interface Frames {
        void send(ByteBuffer frame, Consumer<Throwable> done);
    }

    /** What the pump tells its session. */
    interface Owner {
        /** False once the session has ended: the pump stops. */
        boolean isOpen();

        /** A chunk was written: progress. */
        void audioWritten();

        /** The end frame was handed to the socket after all the audio. */
        void endFrameQueued();

        /** Reading or sending failed; the pump has stopped. */
        void uploadFailed(ProsaSttException error);

        /** Writing a frame failed (the connection is going away). */
        void writeFailed(Throwable error);
    }

    private final InputStream audio;
    private final boolean mayBlock;
    private final int chunkSize;
    private final double bytesPerSecond;
    private final Frames frames;
    private final Owner owner;
    private final Executor senders;
    private final ScheduledExecutorService timers;
    private final Queue<byte[]> freeBuffers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean endQueued = new AtomicBoolean();
    private final AtomicLong bytesQueued = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private volatile boolean audioEnded;
    private volatile long start;

    UploadPump(InputStream audio, boolean mayBlock, int chunkSize, double bytesPerSecond, Frames frames, Owner owner,
               Executor senders, ScheduledExecutorService timers) {
        this.audio = audio;
        this.mayBlock = mayBlock;
        this.chunkSize = chunkSize;
        this.bytesPerSecond = bytesPerSecond;
        this.frames = frames;
        this.owner = owner;
        this.senders = senders;
        this.timers = timers;
    }

    /** Starts with the chunk read before connecting (it holds the container header). */
    void start(byte[] firstChunk) {
        start = System.nanoTime();
        int maxInFlight = bytesPerSecond > 0 ? 1 : 2;
        for (int i = 1; i < maxInFlight; i++) {
            freeBuffers.add(new byte[chunkSize]);
        }
        inFlight.incrementAndGet();
        bytesQueued.addAndGet(firstChunk.length);
        send(firstChunk, firstChunk.length);
    }

    long bytesWritten() {
        return bytesWritten.get();
    }

    boolean audioEnded() {
        return audioEnded;
    }

    /**
     * Reads and sends chunks while buffers are free; one pump at a time, re-run by every completed write. A write that
     * completes while this pump is finishing finds it busy: the pump then goes round again on its own thread rather
     * than handing the work to another (a thread hand-off per race cost row 1 of the benchmark its throughput).
     */
    private void pump() {
        while (pumping.compareAndSet(false, true)) {
            try {
                byte[] buffer;
                while (owner.isOpen() && !audioEnded && (buffer = freeBuffers.poll()) != null) {
                    int n = readAvailable(buffer);
                    if (n < 0) {
                        freeBuffers.add(buffer);
                        audioEnded = true;
                        break;
                    }
                    byte[] chunk = buffer;
                    long queued = bytesQueued.getAndAdd(n);
                    long delay = bytesPerSecond > 0 ? start + (long) (queued / bytesPerSecond * 1e9) - System.nanoTime() : 0;
                    inFlight.incrementAndGet();
                    if (delay > 0) {
                        // Sent by a timer thread itself, no hand-off: Tyrus frames and masks the chunk on it.
                        timers.schedule(() -> send(chunk, n), delay, TimeUnit.NANOSECONDS);
                    } else {
                        send(chunk, n);
                    }
                }
            } catch (IOException e) {
                owner.uploadFailed(new ProsaSttInvalidInputException("Reading the audio failed after "
                                                                     + bytesQueued.get() + " bytes: " + Failures.sentence(e.getMessage()) + ".", e));
            } catch (RuntimeException | Error e) {
                owner.uploadFailed(new ProsaSttInvalidInputException("Reading the audio failed after " + bytesQueued.get()
                                                                     + " bytes (" + e.getClass().getSimpleName() + ": " + Failures.sentence(e.getMessage())
                                                                     + ").", e));
            } finally {
                pumping.set(false);
            }
            if (!owner.isOpen()) {
                return;
            }
            if (audioEnded) {
                if (inFlight.get() == 0) {
                    sendEndOfAudio();
                }
                return;
            }
            if (freeBuffers.isEmpty()) {
                return; // the next completed write pumps again
            }
        }
    }

    /**
     * Reads what the audio has now, up to a chunk: a live stream that has produced only part of a chunk is sent as
     * it is rather than held back. Returns -1 at the end of the audio.
     */
    private int readAvailable(byte[] into) throws IOException {
        int n = audio.read(into, 0, into.length);
        while (n >= 0 && n < into.length && audio.available() > 0) {
            int more = audio.read(into, n, into.length - n);
            if (more < 0) {
                break;
            }
            n += more;
        }
        return n;
    }

    private void send(byte[] data, int length) {
        if (!owner.isOpen()) {
            return;
        }
        try {
            frames.send(ByteBuffer.wrap(data, 0, length), error -> {
                if (error != null) {
                    owner.writeFailed(error);
                    return;
                }
                bytesWritten.addAndGet(length);
                owner.audioWritten();
                freeBuffers.add(data.length == chunkSize ? data : new byte[chunkSize]);
                inFlight.decrementAndGet();
                if (mayBlock) {
                    execute(this::pump);
                } else {
                    pump(); // a file or bytes: reading the next chunk here is quicker than a thread hand-off
                }
            });
        } catch (RuntimeException | Error e) {
            owner.writeFailed(e);
        }
    }

    private void sendEndOfAudio() {
        if (!endQueued.compareAndSet(false, true)) {
            return;
        }
        // Told first: a fast server may answer the end frame and close before the send completes.
        owner.endFrameQueued();
        try {
            frames.send(ByteBuffer.allocate(0), error -> {
                if (error != null) {
                    owner.writeFailed(error);
                } else {
                    owner.audioWritten();
                }
            });
        } catch (RuntimeException | Error e) {
            owner.writeFailed(e);
        }
    }

    private void execute(Runnable task) {
        try {
            senders.execute(task);
        } catch (RejectedExecutionException e) {
            owner.uploadFailed(new ProsaSttConnectionException("The Prosa STT client was shut down while the"
                                                               + " session was sending audio. " + Failures.SEND_AGAIN,
                    ProsaSttException.NO_CLOSE_CODE, null, e));
        }
    }
}
