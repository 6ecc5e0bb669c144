package com.camelprosa.component.prosastt;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.camelprosa.prosastt.client.TranscriptEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;

/**
 * Sends each live event of one session to the eventUri endpoint as its own exchange, in order, one at a time, on the
 * executor it is given: the component's callback threads, or with continueOnIoThread the websocket I/O thread that
 * read the event. The future of {@link #finish()} completes once the last event (END, or the session's end) has been
 * processed, so the original exchange continues after its events.
 */
final class EventForwarder implements Consumer<TranscriptEvent> {

    /** Events waiting for a slow event route; past this the session fails rather than fill the heap. */
    static final int MAX_QUEUED = 10_000;

    private final Exchange original;
    private final Producer producer;
    private final Executor executor;
    private final Queue<TranscriptEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean finished;
    private volatile Throwable failure;

    EventForwarder(Exchange original, Producer producer, Executor executor) {
        this.original = original;
        this.producer = producer;
        this.executor = executor;
    }

    /** Queues an event; throws (failing the session) once the event route has failed or fallen too far behind. */
    @Override
    public void accept(TranscriptEvent event) {
        Throwable f = failure;
        if (f != null) {
            throw new ProsaSttConnectionException("The eventUri route failed, so the session was ended: "
                                                  + f.getMessage(), ProsaSttException.NO_CLOSE_CODE, null, f, false);
        }
        if (queued.incrementAndGet() > MAX_QUEUED && event.type() != TranscriptEvent.Type.END) {
            throw new ProsaSttTimeoutException("The eventUri route is too slow: " + MAX_QUEUED + " events of job "
                                               + event.jobId() + " wait to be processed. Make it faster, or hand events off (e.g. seda:).");
        }
        queue.add(event);
        schedule();
    }

    /** The session ended: the future completes once every queued event was processed. */
    CompletableFuture<Void> finish() {
        finished = true;
        schedule();
        return drained;
    }

    /** The first failure of the event route, or null. */
    Throwable failure() {
        return failure;
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            TranscriptEvent event;
            while ((event = queue.poll()) != null) {
                queued.decrementAndGet();
                if (failure == null) {
                    deliver(event);
                }
            }
        } finally {
            draining.set(false);
        }
        if (!queue.isEmpty()) {
            schedule();
        } else if (finished) {
            drained.complete(null);
        }
    }

    private void deliver(TranscriptEvent event) {
        Exchange exchange = producer.getEndpoint().createExchange();
        exchange.getMessage().setHeaders(new java.util.HashMap<>(original.getMessage().getHeaders()));
        exchange.getMessage().setHeader(ProsaSttConstants.EVENT_TYPE, event.type().name());
        exchange.getMessage().setHeader(ProsaSttConstants.JOB_ID, event.jobId());
        exchange.getMessage().setBody(event);
        try {
            producer.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } catch (Error e) { // also ends the session, and the original exchange fails with it
            failure = e;
            return;
        }
        if (exchange.getException() != null) {
            failure = exchange.getException();
        }
    }
}
