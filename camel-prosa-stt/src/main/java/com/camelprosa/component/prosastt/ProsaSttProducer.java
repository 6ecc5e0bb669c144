package com.camelprosa.component.prosastt;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import com.camelprosa.prosastt.client.AudioSource;
import com.camelprosa.prosastt.client.ProsaSttClient;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttInvalidConfigurationException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.StreamRequest;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.client.TranscriptParts;
import com.camelprosa.prosastt.client.TranscriptStream;
import com.camelprosa.prosastt.client.internal.IoThreads;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Streams the body to Prosa STT. The route thread only prepares the request: connecting and sending run on the
 * component's threads, and the exchange continues when the server has confirmed the job (or, for outputType=stream,
 * created it). Every exchange completes exactly once, whatever throws where.
 */
public class ProsaSttProducer extends DefaultAsyncProducer {

    /** The exchange property holding the parts of long audio already confirmed, for a redelivery to resume after. */
    static final String PARTS_PROPERTY = "CamelProsaSttConfirmedParts";

    /** Whether each consumer endpoint that sent here transacts itself: read once per endpoint, not per exchange. */
    private final Map<Endpoint, Boolean> transactedConsumers = new ConcurrentHashMap<>();

    public ProsaSttProducer(ProsaSttEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ProsaSttEndpoint getEndpoint() {
        return (ProsaSttEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (exchange.isTransacted() || getEndpoint().getConfiguration().isSynchronous()
            || fromTransactedConsumer(exchange)) {
            // The transaction (a JMS session, a database connection) is bound to this thread: the route goes on here.
            CountDownLatch ended = new CountDownLatch(1);
            if (!processAsync(exchange, done -> ended.countDown())) {
                awaitUninterruptibly(ended);
            }
            callback.done(true);
            return true;
        }
        return processAsync(exchange, callback);
    }

    /**
     * Whether the exchange comes from a consumer that transacts on its own thread without marking the exchange
     * transacted: camel-jms, camel-sjms and camel-amqp with transacted=true bind the JMS session to the listener's
     * thread, so the send of the result after prosa-stt must happen there to be part of it.
     */
    private boolean fromTransactedConsumer(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        return from != null && transactedConsumers.computeIfAbsent(from, e -> Boolean.TRUE.equals(
                PluginHelper.getBeanIntrospection(getEndpoint().getCamelContext())
                        .getOrElseProperty(e, "transacted", null, false)));
    }

    /** Every session is bounded (connect, silence, finalize timeouts): the wait ends when the exchange does. */
    private static void awaitUninterruptibly(CountDownLatch ended) {
        boolean interrupted = false;
        while (true) {
            try {
                ended.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean processAsync(Exchange exchange, AsyncCallback callback) {
        ProsaSttStatistics statistics = getEndpoint().getComponent().getStatistics();
        statistics.started();
        StreamRequest request;
        AudioSource audio;
        try {
            audio = AudioBodies.sourceOf(exchange);
            request = ProsaSttBinding.request(getEndpoint().getBaseRequest(), exchange.getMessage(), audio.fileName(),
                    getEndpoint().getMetrics()::observer);
        } catch (Exception e) {
            statistics.ended(e);
            getEndpoint().getMetrics().transcription(getEndpoint().getConfiguration().getModel()).ended(e);
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        ProsaSttMetrics.Transcription metrics = getEndpoint().getMetrics().transcription(request.model());
        Completion done = new Completion(exchange, callback, statistics, metrics);
        try {
            StreamLimiter limiter = getEndpoint().getLimiter();
            if (limiter == null) {
                start(done, request, audio, () -> {
                });
            } else {
                int sessions = ProsaSttClient.sessionsFor(request, audio);
                if (sessions > limiter.max()) {
                    done.fail(new ProsaSttInvalidConfigurationException("splitChannels needs " + sessions + " sessions at"
                                                                        + " once for this " + sessions + "-channel audio, more than maxConcurrentStreams="
                                                                        + limiter.max() + ". Raise maxConcurrentStreams to at least " + sessions + ".", null));
                    return false;
                }
                limiter.run(new StreamLimiter.Turn() {
                    @Override
                    public void start() {
                        // Freed by a session that ended on an I/O thread: opening a file waits, so not there.
                        offIoThread(getEndpoint().getComponent().getCallbacks())
                                .execute(() -> ProsaSttProducer.this.start(done, request, audio,
                                        once(() -> release(limiter, sessions))));
                    }

                    @Override
                    public void refused(boolean closed) {
                        // On the timer thread that ran the wait out: the exchange's error handling goes elsewhere.
                        ProsaSttException why = closed ? stopped() : noFreeSession();
                        getEndpoint().getComponent().getCallbacks().execute(() -> done.fail(why));
                    }
                }, getEndpoint().getConfiguration().getStreamWaitTimeout(), sessions);
            }
        } catch (Throwable e) {
            done.fail(e);
        }
        return false;
    }

    private void start(Completion done, StreamRequest request, AudioSource audio, Runnable sessionEnded) {
        done.metrics.sessionsStarting();
        try {
            ProsaSttClient client = getEndpoint().getComponent().startedClient();
            Executor callbacks = getEndpoint().getComponent().getCallbacks();
            if (getEndpoint().getConfiguration().getOutputType() == ProsaSttOutputType.stream) {
                CompletableFuture<TranscriptStream> stream = client.stream(request, audio);
                stream.whenCompleteAsync((events, error) -> {
                    if (error != null) {
                        sessionEnded.run();
                        done.fail(error);
                        return;
                    }
                    events.completion().whenComplete((t, e) -> sessionEnded.run());
                    done.exchange.getMessage().setBody(events);
                    done.exchange.getMessage().setHeader(ProsaSttConstants.JOB_ID, events.jobId());
                    done.exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                        @Override
                        public void onDone(Exchange exchange) {
                            // A route that read the stream and ended before its END stopped reading: end the session.
                            // An untouched stream may be the caller's to read (e.g. a ProducerTemplate's result).
                            events.release();
                        }
                    });
                    done.succeed();
                }, callbacks);
                return;
            }
            boolean onIo = getEndpoint().getConfiguration().isContinueOnIoThread();
            Producer eventProducer = getEndpoint().getEventProducer();
            EventForwarder forwarder = eventProducer == null ? null
                    : new EventForwarder(done.exchange, eventProducer, onIo ? onIoThreadElse(callbacks) : callbacks);
            TranscriptParts parts = done.exchange.getProperty(PARTS_PROPERTY, TranscriptParts.class);
            if (parts == null) { // kept on the exchange: a redelivery resumes at the first part not confirmed
                parts = new TranscriptParts();
                done.exchange.setProperty(PARTS_PROPERTY, parts);
            }
            CompletableFuture<Transcript> session = client.transcribe(request, audio, forwarder, parts);
            session.whenComplete((transcript, error) -> {
                Runnable end = () -> {
                    sessionEnded.run();
                    if (forwarder == null) {
                        finish(done, transcript, error, null);
                    } else {
                        // The event route may have failed on an I/O thread after a success: its error handling not there.
                        forwarder.finish().whenComplete((v, e) -> (error == null && forwarder.failure() == null
                                ? (Executor) Runnable::run : offIoThread(callbacks))
                                .execute(() -> finish(done, transcript, error, forwarder.failure())));
                    }
                };
                // continueOnIoThread: a success goes on where it was read; failures and timeouts never do.
                (error == null && onIo ? onIoThreadElse(callbacks) : callbacks).execute(end);
            });
        } catch (Throwable e) {
            sessionEnded.run();
            done.fail(e);
        }
    }

    /** Runs a task at once on a websocket I/O thread, anywhere else (a timer, a connect thread) on {@code pool}. */
    private static Executor onIoThreadElse(Executor pool) {
        return task -> (IoThreads.isIoThread() ? (Executor) Runnable::run : pool).execute(task);
    }

    /** Runs a task at once, unless this is a websocket I/O thread: then on {@code pool}. */
    private static Executor offIoThread(Executor pool) {
        return task -> (IoThreads.isIoThread() ? pool : (Executor) Runnable::run).execute(task);
    }

    private void finish(Completion done, Transcript transcript, Throwable error, Throwable eventFailure) {
        if (eventFailure != null) {
            done.fail(eventFailure);
        } else if (error != null) {
            done.fail(error);
        } else {
            try {
                done.exchange.removeProperty(PARTS_PROPERTY);
                ProsaSttBinding.output(done.exchange.getMessage(), transcript, getEndpoint().getConfiguration().getOutputType(),
                        getEndpoint().getSubtitles());
                done.succeed();
            } catch (Throwable e) {
                done.fail(e);
            }
        }
    }

    private ProsaSttRateLimitedException noFreeSession() {
        ProsaSttConfiguration c = getEndpoint().getConfiguration();
        return new ProsaSttRateLimitedException("No free Prosa STT session within streamWaitTimeout="
                                                + c.getStreamWaitTimeout() + " ms: this endpoint already runs maxConcurrentStreams="
                                                + c.getMaxConcurrentStreams() + " sessions. Raise either, or slow the route down.",
                ProsaSttException.NO_CLOSE_CODE, null);
    }

    private static ProsaSttConnectionException stopped() {
        return new ProsaSttConnectionException("The prosa-stt endpoint stopped while the exchange waited for a free"
                                               + " session; nothing was sent. The whole audio can be sent again.", ProsaSttException.NO_CLOSE_CODE,
                null, null);
    }

    private static void release(StreamLimiter limiter, int sessions) {
        for (int i = 0; i < sessions; i++) {
            limiter.release();
        }
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean ran = new AtomicBoolean();
        return () -> {
            if (ran.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** Ends one exchange exactly once, from whichever thread gets there first. */
    private static final class Completion {
        final Exchange exchange;
        private final AsyncCallback callback;
        private final ProsaSttStatistics statistics;
        final ProsaSttMetrics.Transcription metrics;
        private final AtomicBoolean done = new AtomicBoolean();

        Completion(Exchange exchange, AsyncCallback callback, ProsaSttStatistics statistics,
                   ProsaSttMetrics.Transcription metrics) {
            this.exchange = exchange;
            this.callback = callback;
            this.statistics = statistics;
            this.metrics = metrics;
        }

        void succeed() {
            if (done.compareAndSet(false, true)) {
                statistics.ended(null);
                metrics.ended(null);
                callback.done(false);
            }
        }

        void fail(Throwable error) {
            if (done.compareAndSet(false, true)) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                statistics.ended(cause);
                metrics.ended(cause);
                exchange.setException(cause);
                callback.done(false);
            }
        }
    }
}
