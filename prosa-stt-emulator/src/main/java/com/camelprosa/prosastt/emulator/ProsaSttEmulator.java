package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLContext;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

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

    private final EmulatorSettings settings;
    private final List<SessionRecord> sessions = new CopyOnWriteArrayList<>();
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

    private ProsaSttEmulator(EmulatorSettings settings) {
        this.settings = settings;
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
        BoundServerContainer c = new BoundServerContainer(settings.host(), 16 << 20, settings.tls());
        try {
            c.addEndpoint(ServerEndpointConfig.Builder.create(EmulatorSession.class, PATH)
                    .configurator(new UpgradeConfigurator(this)).build());
            c.start("/", settings.port());
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
        return (settings.tls() == null ? "ws://" : "wss://") + settings.host() + ":" + port + PATH;
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

    EmulatorSettings settings() {
        return settings;
    }

    Fault nextFault() {
        Fault queued = queuedFaults.poll();
        return queued != null ? queued : settings.fault();
    }

    void register(SessionRecord record) {
        sessions.add(record);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
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
            return new ProsaSttEmulator(new EmulatorSettings(host, port, apiKey, script, Set.copyOf(models),
                    rejectBadKeyAtUpgrade, Fault.parse(fault), voiceThreshold, tls, realtime, maxDuration,
                    maxDurationMode));
        }
    }

    /** The command line: see {@code --help}. */
    public static void main(String[] args) throws Exception {
        EmulatorCommandLine.run(args);
    }
}
