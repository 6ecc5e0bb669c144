package com.camelprosa.prosastt.client;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The live events of one session, in the order the server sent them, ending with an {@link TranscriptEvent.Type#END}
 * event once the server confirmed the job. {@link #hasNext()} waits for the next event at most the response
 * timeout; a failed session throws its {@link ProsaSttException} from {@code hasNext()}, and so does a stream closed
 * before its end: it never just returns false before END.
 * <p>
 * The session ends on END, on {@link #close()}, on failure, or when nobody has read the stream for the response
 * timeout while events wait (the stream was abandoned). At most {@link #MAX_BUFFERED_EVENTS} events wait to be read;
 * past that the session fails with a {@link ProsaSttTimeoutException} saying the reader is too slow.
 * <p>
 * Not thread-safe: one consumer iterates.
 */
public final class TranscriptStream implements Iterator<TranscriptEvent>, Closeable {

    /** The most events held for a reader that has not taken them yet. */
    public static final int MAX_BUFFERED_EVENTS = 10_000;

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final long responseTimeoutMillis;
    private volatile Job session;
    private volatile long lastRead = System.nanoTime();
    private volatile boolean touched;
    private Object next;
    private boolean ended;
    private volatile boolean closed;

    TranscriptStream(long responseTimeoutMillis) {
        this.responseTimeoutMillis = responseTimeoutMillis;
    }

    void attach(Job session) {
        this.session = session;
        session.result().whenComplete((transcript, error) -> {
            if (error != null) {
                events.add(error);
            }
        });
        session.alsoCheck(this::abandoned); // on the session's own watchdog: no second timer task per stream
    }

    /** The job id the server gave when it created the job. */
    public String jobId() {
        Job s = session;
        return s == null ? null : s.jobId();
    }

    /** Completes when the session ends: with the transcript, or with the session's failure. */
    public CompletableFuture<Transcript> completion() {
        return session.result();
    }

    /**
     * The holder of this stream is done with it: a stream that was being read ({@link #hasNext()} or {@link #next()}
     * called) is closed, ending its session; one nobody began to read is left for whoever holds it next (it ends at
     * the request's responseTimeout if nobody reads it).
     */
    public void release() {
        if (touched) {
            close();
        }
    }

    void offer(TranscriptEvent event) {
        if (event.type() != TranscriptEvent.Type.END && events.size() >= MAX_BUFFERED_EVENTS) {
            throw new ProsaSttTimeoutException("The reader of the transcript stream of job " + event.jobId()
                                               + " is too slow: " + MAX_BUFFERED_EVENTS + " events wait unread. Read the events as they come (see"
                                               + " the eventUri option for a route per event).");
        }
        events.add(event);
    }

    /** The failure for a stream nobody has read for the response timeout while events wait, else null. */
    private ProsaSttException abandoned() {
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRead);
        if (events.isEmpty() || idle <= responseTimeoutMillis) {
            return null;
        }
        return new ProsaSttTimeoutException("Nobody read the transcript stream of job " + jobId() + " for " + idle
                                            + " ms (responseTimeout), so its session was ended. Iterate the stream as events come, or use"
                                            + " outputType=text or the eventUri option.");
    }

    @Override
    public boolean hasNext() {
        touched = true;
        lastRead = System.nanoTime();
        if (ended) {
            return false;
        }
        if (closed) {
            ended = true;
            throw new ProsaSttConnectionException("The transcript stream of job " + jobId() + " was closed before its"
                                                  + " end: the transcript is incomplete.", ProsaSttException.NO_CLOSE_CODE, null, null);
        }
        if (next == null) {
            try {
                next = events.poll(responseTimeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                ended = true;
                throw new ProsaSttConnectionException("Interrupted while waiting for a transcript event.",
                        ProsaSttException.NO_CLOSE_CODE, null, e);
            } finally {
                lastRead = System.nanoTime();
            }
            if (next == null) {
                close();
                ended = true;
                throw new ProsaSttTimeoutException("No transcript event for " + responseTimeoutMillis
                                                   + " ms (responseTimeout). The session was closed.");
            }
        }
        if (next instanceof ProsaSttException error) {
            ended = true;
            throw error;
        }
        if (next instanceof Throwable other) {
            ended = true;
            throw new ProsaSttConnectionException(Failures.rootMessage(other), ProsaSttException.NO_CLOSE_CODE, null,
                    other);
        }
        return true;
    }

    @Override
    public TranscriptEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The transcript stream has ended.");
        }
        TranscriptEvent event = (TranscriptEvent) next;
        next = null;
        if (event.type() == TranscriptEvent.Type.END) {
            ended = true;
        }
        return event;
    }

    /** Ends the session if it is still open (the consumer stopped early) and drops buffered events. */
    @Override
    public void close() {
        closed = true;
        Job s = session;
        if (s != null && !s.result().isDone()) {
            s.abort(new ProsaSttConnectionException("The transcript stream was closed before the session ended.",
                    ProsaSttException.NO_CLOSE_CODE, null, null));
        }
        events.clear();
    }

    @Override
    public String toString() {
        Job s = session;
        String state = ended ? "ended" : closed ? "closed" : s == null ? "new" : s.state();
        return "TranscriptStream[job=" + jobId() + ", state=" + state + ", unread=" + events.size() + "]";
    }
}
