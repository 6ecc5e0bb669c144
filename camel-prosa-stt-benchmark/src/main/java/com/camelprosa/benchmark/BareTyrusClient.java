package com.camelprosa.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import com.camelprosa.prosastt.client.StreamRequest;
import com.camelprosa.prosastt.emulator.TyrusClients;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * The baselines: the protocol done by hand with Tyrus, no Camel and no component, in several upload styles. Like the
 * component it uses Tyrus' JVM-wide shared Grizzly transport, so where the component has started it, both run on the
 * very same I/O threads and the difference is the component's own work. Records when messages arrive.
 */
final class BareTyrusClient {

    private static final Pattern JOB_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final ClientManager MANAGER = manager();

    private static ClientManager manager() {
        ClientManager m = TyrusClients.withOwnExecutors();
        Map<String, Object> p = m.getProperties();
        p.put(ClientProperties.SHARED_CONTAINER, true);
        // Tyrus' idle timer must never stop the shared transport under the component (it sets the same).
        p.put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, Integer.MAX_VALUE / 1000);
        // The component's default largest message, and the room it gives Tyrus' buffer for the frame around it.
        p.put(ClientProperties.INCOMING_BUFFER_SIZE, StreamRequest.DEFAULT_MAX_MESSAGE_SIZE + 1024);
        return m;
    }

    /** One bare session: what it saw, in {@link System#nanoTime()}. */
    static final class Run extends Endpoint {
        final CompletableFuture<String> created = new CompletableFuture<>();
        final CompletableFuture<Long> metadataAt = new CompletableFuture<>();
        final CompletableFuture<Long> closedAt = new CompletableFuture<>();
        final List<Long> partialsAt = new CopyOnWriteArrayList<>();
        final AtomicInteger results = new AtomicInteger();
        /** With a hop executor: when a thread of it saw each partial / the metadata (what one hand-off costs). */
        final Map<Integer, Long> partialsHopAt = new java.util.concurrent.ConcurrentHashMap<>();
        final CompletableFuture<Long> metadataHopAt = new CompletableFuture<>();
        private final java.util.concurrent.Executor hop;
        volatile Session session;

        Run(java.util.concurrent.Executor hop) {
            this.hop = hop;
        }

        @Override
        public void onOpen(Session s, EndpointConfig config) {
            session = s;
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                long now = System.nanoTime();
                if (text.contains("\"type\":\"partial\"")) {
                    int index = partialsAt.size();
                    partialsAt.add(now);
                    if (hop != null) {
                        hop.execute(() -> partialsHopAt.put(index, System.nanoTime()));
                    }
                } else if (text.contains("\"type\":\"result\"")) {
                    results.incrementAndGet();
                } else if (text.contains("\"type\":\"metadata\"")) {
                    metadataAt.complete(now);
                    if (hop != null) {
                        hop.execute(() -> metadataHopAt.complete(System.nanoTime()));
                    }
                } else if (text.contains("\"type\":\"created\"")) {
                    Matcher m = JOB_ID.matcher(text);
                    created.complete(m.find() ? m.group(1) : "?");
                }
            });
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            long now = System.nanoTime();
            closedAt.complete(now);
            metadataAt.completeExceptionally(new IllegalStateException("closed before metadata: " + reason));
            created.completeExceptionally(new IllegalStateException("closed before created: " + reason));
        }

        @Override
        public void onError(Session s, Throwable error) {
            metadataAt.completeExceptionally(error);
            created.completeExceptionally(error);
        }

        String jobId() {
            return created.getNow(null);
        }

        /** Waits for the server's confirmation (metadata) and its close. */
        Run finish() throws Exception {
            metadataAt.get(120, TimeUnit.SECONDS);
            closedAt.get(30, TimeUnit.SECONDS);
            return this;
        }
    }

    private BareTyrusClient() {
    }

    /** Connects, sends the configuration and waits for {@code created}: the audio can go. */
    static Run open(String url, String label, boolean partials) throws Exception {
        return open(url, label, partials, null);
    }

    /**
     * The same; with {@code hop}, each partial and the metadata are also handed to a thread of it, which notes when
     * it ran: the cost of one hand-off, as the component makes, without the component.
     */
    static Run open(String url, String label, boolean partials, java.util.concurrent.Executor hop) throws Exception {
        Run run = new Run(hop);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("x-api-key", List.of(BenchContext.KEY));
                    }
                }).build();
        Session session = MANAGER.connectToServer(run, config, URI.create(url));
        session.getBasicRemote().sendText("{\"model\":\"stt-general-online\",\"label\":\"" + label
                                          + "\",\"include_partial\":" + partials + ",\"include_filler\":false,"
                                          + "\"audio\":{\"format\":\"wav\"}}");
        run.created.get(30, TimeUnit.SECONDS);
        return run;
    }

    /** The vendor's Python client's way: a blocking send per chunk (one frame in flight), then the end frame. */
    static void uploadBlocking(Run run, InputStream audio, int chunkSize) throws IOException {
        byte[] chunk = new byte[chunkSize];
        int n;
        while ((n = audio.readNBytes(chunk, 0, chunk.length)) > 0) {
            run.session.getBasicRemote().sendBinary(ByteBuffer.wrap(chunk, 0, n));
        }
        run.session.getBasicRemote().sendBinary(ByteBuffer.allocate(0));
    }

    /** A loop keeping {@code depth} async sends in flight: waits for the oldest before reusing its buffer. */
    static void uploadWindow(Run run, InputStream audio, int chunkSize, int depth) throws Exception {
        byte[][] buffers = new byte[depth][chunkSize];
        ArrayDeque<Future<Void>> pending = new ArrayDeque<>();
        for (long i = 0;; i++) {
            if (pending.size() == depth) {
                pending.poll().get(60, TimeUnit.SECONDS);
            }
            byte[] buffer = buffers[(int) (i % depth)];
            int n = audio.readNBytes(buffer, 0, chunkSize);
            if (n <= 0) {
                break;
            }
            pending.add(run.session.getAsyncRemote().sendBinary(ByteBuffer.wrap(buffer, 0, n)));
        }
        for (Future<Void> f : pending) {
            f.get(60, TimeUnit.SECONDS);
        }
        run.session.getBasicRemote().sendBinary(ByteBuffer.allocate(0));
    }

    /**
     * The component's way, written by hand: {@code depth} chunks in flight, and each completed write reads the next
     * chunk on the thread that completed it (no thread waits, no hand-off). Completes once the end frame is written.
     */
    static CompletableFuture<Void> uploadChained(Run run, InputStream audio, int chunkSize, int depth) {
        Chain chain = new Chain(run.session, audio, chunkSize, depth);
        chain.pump();
        return chain.done;
    }

    private static final class Chain {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Session session;
        private final InputStream audio;
        private final Queue<byte[]> free = new ConcurrentLinkedQueue<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicBoolean pumping = new AtomicBoolean();
        private final AtomicBoolean endSent = new AtomicBoolean();
        private volatile boolean eof;

        Chain(Session session, InputStream audio, int chunkSize, int depth) {
            this.session = session;
            this.audio = audio;
            for (int i = 0; i < depth; i++) {
                free.add(new byte[chunkSize]);
            }
        }

        void pump() {
            while (pumping.compareAndSet(false, true)) {
                try {
                    byte[] buffer;
                    while (!eof && (buffer = free.poll()) != null) {
                        int n = audio.readNBytes(buffer, 0, buffer.length);
                        if (n <= 0) {
                            eof = true;
                            free.add(buffer);
                            break;
                        }
                        inFlight.incrementAndGet();
                        byte[] b = buffer;
                        session.getAsyncRemote().sendBinary(ByteBuffer.wrap(b, 0, n), result -> {
                            if (!result.isOK()) {
                                done.completeExceptionally(result.getException());
                                return;
                            }
                            free.add(b);
                            inFlight.decrementAndGet();
                            pump();
                        });
                    }
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                    return;
                } finally {
                    pumping.set(false);
                }
                if (eof) {
                    if (inFlight.get() == 0 && endSent.compareAndSet(false, true)) {
                        session.getAsyncRemote().sendBinary(ByteBuffer.allocate(0), r -> {
                            if (r.isOK()) {
                                done.complete(null);
                            } else {
                                done.completeExceptionally(r.getException());
                            }
                        });
                    }
                    return;
                }
                if (free.isEmpty()) {
                    return; // the next completed write pumps again
                }
            }
        }
    }

    /**
     * Real-time pacing as the component does it: chunk k is sent when the audio before it has played (counted from
     * the first chunk), read from the stream into one buffer, one frame in flight; sends run on {@code timer} (give
     * it as many threads as the component's, {@code ProsaSttClient.TIMER_THREADS}).
     */
    static CompletableFuture<Void> uploadPaced(Run run, InputStream audio, int chunkSize, double bytesPerSecond,
                                               ScheduledExecutorService timer) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        byte[] buffer = new byte[chunkSize];
        long start = System.nanoTime();
        new Object() {
            long queued;

            void send() {
                int n;
                try {
                    n = audio.readNBytes(buffer, 0, chunkSize);
                } catch (IOException e) {
                    done.completeExceptionally(e);
                    return;
                }
                if (n <= 0) {
                    run.session.getAsyncRemote().sendBinary(ByteBuffer.allocate(0), r -> done.complete(null));
                    return;
                }
                queued += n;
                run.session.getAsyncRemote().sendBinary(ByteBuffer.wrap(buffer, 0, n), r -> {
                    if (!r.isOK()) {
                        done.completeExceptionally(r.getException());
                        return;
                    }
                    long delay = start + (long) (queued / bytesPerSecond * 1e9) - System.nanoTime();
                    if (delay > 0) {
                        timer.schedule(this::send, delay, TimeUnit.NANOSECONDS);
                    } else {
                        send();
                    }
                });
            }
        }.send();
        return done;
    }
}
