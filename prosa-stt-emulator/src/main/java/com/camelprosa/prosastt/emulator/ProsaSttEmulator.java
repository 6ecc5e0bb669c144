package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLContext;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.core.HandshakeException;

/**
 * A Prosa.ai-compatible streaming speech-to-text server, for tests and for working offline.
 * <p>
 * As a library: {@code try (ProsaSttEmulator e = ProsaSttEmulator.builder().apiKey("k").build().start()) { e.url() }}.
 * As a program: {@code java -jar prosa-stt-emulator-*-all.jar --port 8765 --api-key k --transcripts t.json}.
 */
public final class ProsaSttEmulator implements AutoCloseable {

    /** The vendor engineer's example: the real service announces {@code max_duration: 3600.0}. */
    private static final double DEFAULT_MAX_DURATION_SECONDS = 3600.0;

    /** The path the vendor's service answers on. */
    public static final String PATH = "/v2/speech/stt";

    private static final java.util.logging.Logger HANDSHAKE_LOGGER
            = java.util.logging.Logger.getLogger("org.glassfish.tyrus.core.TyrusWebSocketEngine");

    private final String host;
    private final int requestedPort;
    private final String apiKey;
    private final TranscriptScript script;
    private final Set<String> models;
    private final boolean rejectBadKeyAtUpgrade;
    private final Fault fault;
    private final double voiceThreshold;
    private final SSLContext tls;
    private final List<SessionRecord> sessions = new CopyOnWriteArrayList<>();
    private final boolean realtime;
    private final double maxDuration;
    private final MaxDurationMode maxDurationMode;
    private final java.util.concurrent.atomic.AtomicInteger openSessions = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger peakSessions = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Queue<Fault> queuedFaults = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "prosa-emulator-timer");
        t.setDaemon(true);
        return t;
    });

    private BoundServerContainer container;
    private int port;

    private ProsaSttEmulator(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.apiKey = b.apiKey;
        this.script = b.script;
        this.models = Set.copyOf(b.models);
        this.rejectBadKeyAtUpgrade = b.rejectBadKeyAtUpgrade;
        this.fault = Fault.parse(b.fault);
        this.voiceThreshold = b.voiceThreshold;
        this.tls = b.tls;
        this.realtime = b.realtime;
        this.maxDuration = b.maxDuration;
        this.maxDurationMode = b.maxDurationMode;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening; with port 0 the system picks a free port, see {@link #port()}. */
    public synchronized ProsaSttEmulator start() throws IOException {
        // At FINE Tyrus' server engine logs each upgrade request with its headers, x-api-key included.
        if (HANDSHAKE_LOGGER.isLoggable(java.util.logging.Level.FINE)) {
            HANDSHAKE_LOGGER.setLevel(java.util.logging.Level.INFO);
        }
        BoundServerContainer c = new BoundServerContainer(host, 16 << 20, tls);
        try {
            c.addEndpoint(ServerEndpointConfig.Builder.create(EmulatorSession.class, PATH)
                    .configurator(new Configurator()).build());
            c.start("/", requestedPort);
        } catch (DeploymentException e) {
            throw new IOException("Cannot start the Prosa STT emulator: " + e.getMessage(), e);
        }
        container = c;
        port = c.getPort();
        return this;
    }

    @Override
    public synchronized void close() {
        if (container != null) {
            container.stop();
            container = null;
        }
        scheduler.shutdownNow();
    }

    public int port() {
        return port;
    }

    /** The websocket URL to give a client, e.g. {@code ws://127.0.0.1:41234/v2/speech/stt}. */
    public String url() {
        return (tls == null ? "ws://" : "wss://") + host + ":" + port + PATH;
    }

    /** Every session opened so far, oldest first. */
    public List<SessionRecord> sessions() {
        return new ArrayList<>(sessions);
    }

    /**
     * The next {@code count} sessions (without a label marker) act out {@code fault}; later ones behave again. For
     * testing retries: e.g. {@code failNext(2, "close:4029")} then a third attempt succeeds.
     */
    public void failNext(int count, String fault) {
        Fault parsed = Fault.parse(fault);
        for (int i = 0; i < count; i++) {
            queuedFaults.add(parsed);
        }
    }

    /** The most sessions that were open at the same time so far. */
    public int peakConcurrentSessions() {
        return peakSessions.get();
    }

    /** Sessions open now. */
    public int openSessions() {
        return openSessions.get();
    }

    void sessionOpened() {
        peakSessions.accumulateAndGet(openSessions.incrementAndGet(), Math::max);
    }

    void sessionClosed() {
        openSessions.decrementAndGet();
    }

    boolean realtime() {
        return realtime;
    }

    Fault nextFault() {
        Fault queued = queuedFaults.poll();
        return queued != null ? queued : fault;
    }

    void register(SessionRecord record) {
        sessions.add(record);
    }

    boolean acceptsKey(String key) {
        return apiKey == null ? !key.isEmpty() : apiKey.equals(key);
    }

    Set<String> models() {
        return models;
    }

    TranscriptScript script() {
        return script;
    }


    double voiceThreshold() {
        return voiceThreshold;
    }

    /** The longest session, in seconds of audio: announced in every metadata and enforced as {@link #maxDurationMode()} says. */
    double maxDurationSeconds() {
        return maxDuration;
    }

    MaxDurationMode maxDurationMode() {
        return maxDurationMode;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Creates one {@link EmulatorSession} per connection and reads (or refuses) the {@code x-api-key} header. */
    private final class Configurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> values = request.getHeaders().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("x-api-key")).findFirst().map(Map.Entry::getValue)
                    .orElse(List.of());
            String key = values.isEmpty() ? null : values.get(0);
            if (key != null && rejectBadKeyAtUpgrade && !acceptsKey(key)) {
                throw sneaky(new HandshakeException(401, "Unauthorized"));
            }
            if (key == null) {
                sec.getUserProperties().remove(EmulatorSession.HEADER_KEY_PROPERTY);
            } else {
                sec.getUserProperties().put(EmulatorSession.HEADER_KEY_PROPERTY, key);
            }
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new EmulatorSession(ProsaSttEmulator.this));
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /** What a session does when its audio reaches the maximum duration. */
    public enum MaxDurationMode {
        /**
         * Stop reading at the limit: the open segments end there, their results, {@code status complete} and
         * {@code metadata} ({@code max_reached: true}) follow at once, then close 1000 while the client may still be
         * sending.
         */
        STOP,
        /**
         * Read the audio to its end frame but transcribe only up to the limit, then confirm as usual with
         * {@code max_reached: true}.
         */
        TRUNCATE;

        /** {@code stop} or {@code truncate}, in any case. */
        public static MaxDurationMode parse(String mode) {
            for (MaxDurationMode m : values()) {
                if (m.name().equalsIgnoreCase(mode == null ? "" : mode.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("Unknown max duration mode: " + mode + " (stop or truncate)");
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String apiKey;
        private TranscriptScript script = TranscriptScript.empty();
        private Set<String> models = Set.of("stt-general-online", "stt-general");
        private boolean rejectBadKeyAtUpgrade;
        private String fault;
        private double voiceThreshold = 300;
        private SSLContext tls;
        private boolean realtime;
        private double maxDuration = DEFAULT_MAX_DURATION_SECONDS;
        private MaxDurationMode maxDurationMode = MaxDurationMode.STOP;

        /**
         * The longest session in seconds of audio (default 3600.0, the real service's figure), announced as
         * {@code max_duration} in each session's metadata. Audio past it is not transcribed; see
         * {@link #maxDurationMode(MaxDurationMode)}. One session can have its own: {@code [fault=max-duration:SECONDS]}
         * in its label.
         */
        public Builder maxDuration(double seconds) {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("maxDuration must be a positive number of seconds: " + seconds);
            }
            this.maxDuration = seconds;
            return this;
        }

        /** What a session does at the maximum duration: {@link MaxDurationMode#STOP} (the default) or TRUNCATE. */
        public Builder maxDurationMode(MaxDurationMode mode) {
            this.maxDurationMode = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** {@code stop} or {@code truncate}, as {@link #maxDurationMode(MaxDurationMode)}. */
        public Builder maxDurationMode(String mode) {
            return maxDurationMode(MaxDurationMode.parse(mode));
        }

        /**
         * Recognise "live": send each result no earlier than its end time in the audio, counted from the first audio
         * frame, as a real streaming recogniser would for a client sending in real time.
         */
        public Builder realtime(boolean realtime) {
            this.realtime = realtime;
            return this;
        }

        /** Serve {@code wss://} with this context's key (e.g. a self-signed certificate for tests). */
        public Builder tls(SSLContext tls) {
            this.tls = tls;
            return this;
        }

        /** Address to bind, 127.0.0.1 by default. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port to bind; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The one key accepted; null (the default) accepts any non-empty key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Text for known samples, by label. */
        public Builder transcripts(TranscriptScript script) {
            this.script = script;
            return this;
        }

        /** Model names that exist; any other gets close 4002. */
        public Builder models(Set<String> models) {
            this.models = models;
            return this;
        }

        /** Refuse a wrong {@code x-api-key} with HTTP 401 at the upgrade instead of a 4000 close. */
        public Builder rejectBadKeyAtUpgrade(boolean reject) {
            this.rejectBadKeyAtUpgrade = reject;
            return this;
        }

        /** A fault for every session, in the syntax of {@link Fault} (e.g. {@code close:4029}, {@code stall}). */
        public Builder fault(String fault) {
            Fault.parse(fault);
            this.fault = fault;
            return this;
        }

        /** RMS level (16-bit scale) at or above which a 20 ms frame counts as speech. */
        public Builder voiceThreshold(double threshold) {
            this.voiceThreshold = threshold;
            return this;
        }

        public ProsaSttEmulator build() {
            return new ProsaSttEmulator(this);
        }
    }

    private static final String USAGE = """
            Usage: java -jar prosa-stt-emulator-*-all.jar [options]
            A Prosa.ai-compatible streaming speech-to-text server on ws://HOST:PORT/v2/speech/stt, for tests and offline work.
              --host H                 address to bind (default 127.0.0.1)
              --port N                 port to listen on (default 8765; 0 picks a free one)
              --api-key K              the one key accepted (default: any non-empty key)
              --transcripts FILE       JSON {"label": ["segment 1", "segment 2", ...]}: the text for known samples
              --models a,b             model names that exist (default stt-general-online,stt-general); others close 4002
              --reject-at-upgrade      answer a wrong x-api-key header with HTTP 401 instead of close 4000
              --realtime               send each result no earlier than its end time in the audio
              --max-duration S         longest session in seconds of audio (default 3600.0), sent as max_duration
                                       (or one session: put [fault=max-duration:S] in its label)
              --max-duration-mode M    at the limit: stop (default) ends the session there, results up to it,
                                       status complete, metadata max_reached true, close 1000, while the client
                                       is still sending; truncate reads to the end frame but transcribes only up
                                       to the limit, then confirms with max_reached true
              --fault F                act out a fault in every session: close:CODE, quota, stall, stall-after-end,
                                       late:MS, noise, drop, slow:MS, huge:BYTES, garbage, max-duration:S
                                       (or one session: put [fault=F] in its label)
              -h, --help               print this and exit
            Results carry channel (0-based; WAV and s16le channels are segmented separately) and final: true.
            Each session ends with one log line: job id, auth mode, label, audio bytes, segments, close code.""";

    /**
     * The command line's options on a builder (port 8765 unless {@code --port}); {@code IllegalArgumentException} for an
     * unknown option, a missing value or a bad one.
     */
    static Builder fromArgs(String... args) throws IOException {
        Set<String> withValue = Set.of("--host", "--port", "--api-key", "--transcripts", "--fault", "--max-duration",
                "--max-duration-mode", "--models");
        Builder b = builder().port(8765);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--reject-at-upgrade")) {
                b.rejectBadKeyAtUpgrade(true);
                continue;
            }
            if (option.equals("--realtime")) {
                b.realtime(true);
                continue;
            }
            if (!withValue.contains(option)) {
                throw new IllegalArgumentException("Unknown argument: " + option);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--host" -> b.host(value);
                    case "--port" -> b.port(Integer.parseInt(value));
                    case "--api-key" -> b.apiKey(value);
                    case "--transcripts" -> b.transcripts(TranscriptScript.load(Path.of(value)));
                    case "--fault" -> b.fault(value);
                    case "--max-duration" -> b.maxDuration(Double.parseDouble(value));
                    case "--max-duration-mode" -> b.maxDurationMode(value);
                    default -> b.models(Set.of(value.split(",")));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " " + value + ": " + e.getMessage(), e);
            }
        }
        return b;
    }

    public static void main(String[] args) throws Exception {
        // One line per log record (java.util.logging's default takes two), unless the user chose a format.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s - %5$s%6$s%n");
        }
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            System.exit(0);
        }
        Builder b;
        try {
            b = fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        ProsaSttEmulator emulator = b.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        System.out.println("Prosa STT emulator listening on " + emulator.url());
        stopped.await();
    }
}
