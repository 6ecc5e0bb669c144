package com.camelprosa.component.prosastt.client;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.glassfish.tyrus.client.ThreadPoolConfig;

/**
 * A Prosa.ai streaming speech-to-text client. Thread-safe; one per application (or Camel component). Every session
 * uses its own websocket over one shared Tyrus container.
 *
 * <pre>{@code
 * try (ProsaSttClient client = new ProsaSttClient()) {
 *     Transcript t = client.transcribe(request, AudioSource.of(Path.of("call.wav"))).get();
 * }
 * }</pre>
 */
public final class ProsaSttClient implements AutoCloseable {

    private static final int MAX_CONCURRENT_CONNECTS = 8;
    private static final int IO_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final ExecutorService senders;
    private final ScheduledExecutorService timers;
    private final boolean ownsExecutors;
    /**
     * Connects block until the handshake ends, so they get a bounded pool of their own: a burst of a thousand
     * sessions queues here instead of starting a thousand threads.
     */
    private final ThreadPoolExecutor connectors = new ThreadPoolExecutor(MAX_CONCURRENT_CONNECTS,
            MAX_CONCURRENT_CONNECTS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("prosa-stt-connect"));
    /** Tyrus' own timers (idle timeouts, rescheduled on every message): an unbounded queue, apart from ours. */
    private final ScheduledExecutorService tyrusTimers = Executors.newSingleThreadScheduledExecutor(
            daemon("prosa-stt-tyrus-timer"));
    /** Tyrus runs each connect on this executor while a connector thread waits for it, so at most as many. */
    private final ExecutorService tyrusWorkers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemon("prosa-stt-tyrus"));

    {
        connectors.allowCoreThreadTimeOut(true);
    }
    private final Map<Transport, ClientManager> managers = new ConcurrentHashMap<>();
    private final Set<StreamingSession> open = ConcurrentHashMap.newKeySet();

    /** A client with its own daemon threads. */
    public ProsaSttClient() {
        this(Executors.newCachedThreadPool(daemon("prosa-stt-sender")),
             Executors.newSingleThreadScheduledExecutor(daemon("prosa-stt-timer")), true);
    }

    /**
     * A client on the caller's threads (e.g. Camel's managed pools), which the caller shuts down.
     *
     * @param senders runs the short steps of audio uploads (read a chunk, hand it to the socket); an elastic pool
     *                suits it, since only live InputStreams ever block in it
     * @param timers  runs the response-timeout watchdogs
     */
    public ProsaSttClient(ExecutorService senders, ScheduledExecutorService timers) {
        this(senders, timers, false);
    }

    private ProsaSttClient(ExecutorService senders, ScheduledExecutorService timers, boolean ownsExecutors) {
        this.senders = senders;
        this.timers = timers;
        this.ownsExecutors = ownsExecutors;
    }

    /**
     * Streams the audio and returns the transcript when the server ends the session. The future fails with a
     * {@link ProsaSttException}; it never completes later than the request's timeouts allow.
     */
    public CompletableFuture<Transcript> transcribe(StreamRequest request, AudioSource audio) {
        StreamingSession session = start(request, audio, null);
        return session == null ? CompletableFuture.failedFuture(invalid(request)) : session.result();
    }

    /**
     * Streams the audio and returns, as soon as the server has created the job, the live events of the session:
     * partials (when {@code includePartial}), results, then the end. The upload goes on in the background.
     */
    public CompletableFuture<TranscriptStream> stream(StreamRequest request, AudioSource audio) {
        TranscriptStream events = new TranscriptStream(request.responseTimeout());
        StreamingSession session = start(request, audio, events::offer);
        if (session == null) {
            return CompletableFuture.failedFuture(invalid(request));
        }
        events.attach(session);
        return session.created().thenApply(jobId -> {
            events.jobId(jobId);
            return events;
        });
    }

    private StreamingSession start(StreamRequest request, AudioSource audio, Consumer<TranscriptEvent> listener) {
        if (invalid(request) != null) {
            return null;
        }
        StreamingSession[] self = new StreamingSession[1];
        StreamingSession session = new StreamingSession(request, audio,
                manager(new Transport(request.connectTimeout(), request.maxMessageSize(), request.sslContext(),
                        request.proxy())),
                connectors, senders, timers, listener, () -> open.remove(self[0]));
        self[0] = session;
        open.add(session);
        session.start();
        return session;
    }

    private static ProsaSttException invalid(StreamRequest request) {
        try {
            request.validate();
            return null;
        } catch (ProsaSttException e) {
            return e;
        }
    }

    /** Number of sessions not yet ended. */
    public int openSessions() {
        return open.size();
    }

    /** Ends open sessions with a {@link ProsaSttConnectionException} and releases the threads this client owns. */
    @Override
    public void close() {
        open.forEach(s -> s.abort("The Prosa STT client was shut down while the session was open."));
        managers.clear();
        connectors.shutdownNow();
        tyrusWorkers.shutdownNow();
        tyrusTimers.shutdownNow();
        if (ownsExecutors) {
            senders.shutdownNow();
            timers.shutdownNow();
        }
    }

    /** What a Tyrus client is configured with; sessions that agree on it share one client. */
    private record Transport(long connectTimeout, int maxMessageSize, SSLContext sslContext, String proxy) {
    }

    private ClientManager manager(Transport transport) {
        return managers.computeIfAbsent(transport, t -> {
            // Tyrus runs each connect on its own executor while our sender thread waits for it: keep them apart.
            ClientManager manager = new OwnedExecutorsClientManager(tyrusWorkers, tyrusTimers);
            Map<String, Object> p = manager.getProperties();
            p.put(ClientProperties.SHARED_CONTAINER, true);
            p.put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 10);
            // Tyrus' default I/O worker pool (1 to 20 threads) rejects work once all 20 are busy, which a few hundred
            // concurrent sessions reach: a fixed pool with a queue never rejects and keeps the thread count flat.
            p.put(ClientProperties.WORKER_THREAD_POOL_CONFIG, ThreadPoolConfig.defaultConfig().setPoolName("prosa-stt-shared-io")
                    .setCorePoolSize(IO_THREADS).setMaxPoolSize(IO_THREADS).setQueueLimit(-1));
            p.put(ClientProperties.HANDSHAKE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, t.connectTimeout()));
            p.put(ClientProperties.INCOMING_BUFFER_SIZE, t.maxMessageSize() + 1024);
            if (t.sslContext() != null) {
                // Host name verification stays on (Tyrus' default): a trusted certificate for another host fails.
                p.put(ClientProperties.SSL_ENGINE_CONFIGURATOR, new SslEngineConfigurator(t.sslContext()));
            }
            if (t.proxy() != null && !t.proxy().isBlank()) {
                p.put(ClientProperties.PROXY_URI, t.proxy());
            }
            return manager;
        });
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
