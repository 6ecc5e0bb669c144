package com.camelprosa.component.prosastt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.SessionObserver;
import com.camelprosa.prosastt.client.Transcript;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An endpoint's meters in a Micrometer registry, tagged by model and endpoint (its URI with secrets masked, never the
 * key). The only class of the component that touches Micrometer; docs/observability.md lists the meters.
 */
final class MicrometerMetrics implements ProsaSttMetrics {

    /** The name camel-micrometer binds its registry under (MicrometerConstants.METRICS_REGISTRY_NAME). */
    static final String REGISTRY_NAME = "metricsRegistry";

    static final String SESSIONS = "prosa.stt.sessions";
    static final String SESSION = "prosa.stt.session";
    static final String PARTS = "prosa.stt.parts";
    static final String AUDIO = "prosa.stt.audio.duration";
    static final String QUOTA = "prosa.stt.quota.used";
    static final String CONNECT = "prosa.stt.connect";
    static final String FIRST_RESULT = "prosa.stt.first.result";
    static final String CONFIRMATION = "prosa.stt.confirmation";
    static final String OPEN = "prosa.stt.sessions.open";
    static final String WAITING = "prosa.stt.exchanges.waiting";

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerMetrics.class);
    private static final String NONE_TAG = "none";

    private final MeterRegistry registry;
    private final String endpoint;
    private final AtomicInteger open = new AtomicInteger();
    private final List<Meter> gauges;
    private final Map<String, SessionMeters> sessionMeters = new ConcurrentHashMap<>();

    private MicrometerMetrics(MeterRegistry registry, ProsaSttEndpoint endpoint) {
        this.registry = registry;
        this.endpoint = URISupport.sanitizeUri(endpoint.getEndpointUri());
        Tags tags = tags(endpoint.getConfiguration().getModel());
        gauges = List.of(
                Gauge.builder(OPEN, open, AtomicInteger::get).tags(tags).baseUnit("sessions")
                        .description("Websocket sessions open now").register(registry),
                Gauge.builder(WAITING, endpoint, MicrometerMetrics::waiting).tags(tags).baseUnit("exchanges")
                        .description("Exchanges waiting for a session under maxConcurrentStreams").register(registry));
    }

    /**
     * Metrics in the registry Camel's own Micrometer support would use: one bound as {@value #REGISTRY_NAME}, else the
     * only {@code CompositeMeterRegistry}, else the only {@code MeterRegistry}; {@link ProsaSttMetrics#NONE} without.
     */
    static ProsaSttMetrics of(ProsaSttEndpoint endpoint) {
        Registry beans = endpoint.getCamelContext().getRegistry();
        MeterRegistry registry = find(beans, CompositeMeterRegistry.class);
        if (registry == null) {
            registry = find(beans, MeterRegistry.class);
        }
        return registry == null ? NONE : new MicrometerMetrics(registry, endpoint);
    }

    private static MeterRegistry find(Registry beans, Class<? extends MeterRegistry> type) {
        MeterRegistry named = beans.lookupByNameAndType(REGISTRY_NAME, type);
        if (named != null) {
            return named;
        }
        Set<? extends MeterRegistry> all = beans.findByType(type);
        return all != null && all.size() == 1 ? all.iterator().next() : null;
    }

    private static double waiting(ProsaSttEndpoint endpoint) {
        StreamLimiter limiter = endpoint.getLimiterIfCreated();
        return limiter == null ? 0 : limiter.waiting();
    }

    private Tags tags(String model) {
        return Tags.of("model", model == null ? NONE_TAG : model, "endpoint", endpoint);
    }

    @Override
    public Transcription transcription(String model) {
        return new Recorded(meters(model).tags);
    }

    @Override
    public SessionObserver observer(String model) {
        return meters(model);
    }

    private SessionMeters meters(String model) {
        return sessionMeters.computeIfAbsent(model == null ? NONE_TAG : model, m -> new SessionMeters(tags(model)));
    }

    @Override
    public Map<String, Object> values() {
        Map<String, Object> values = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (id.getName().startsWith("prosa.stt.") && endpoint.equals(id.getTag("endpoint"))) {
                String tags = id.getTags().stream().filter(t -> !"endpoint".equals(t.getKey()))
                        .map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(","));
                Map<String, Double> measures = new TreeMap<>();
                meter.measure().forEach(m -> measures.put(m.getStatistic().getTagValueRepresentation(), m.getValue()));
                values.put(id.getName() + "{" + tags + "}", measures);
            }
        }
        return values;
    }

    @Override
    public void close() {
        gauges.forEach(registry::remove);
    }

    /** The outcome tags: {@code success}, or {@code failure} with the exception's simple name and close code. */
    static Tags outcome(Throwable failure) {
        if (failure == null) {
            return Tags.of("outcome", "success", "exception", NONE_TAG, "close.code", NONE_TAG);
        }
        int code = failure instanceof ProsaSttException p ? p.getCloseCode() : ProsaSttException.NO_CLOSE_CODE;
        return Tags.of(Tag.of("outcome", "failure"), Tag.of("exception", failure.getClass().getSimpleName()),
                Tag.of("close.code", code == ProsaSttException.NO_CLOSE_CODE ? NONE_TAG : String.valueOf(code)));
    }

    /** One exchange's meters: its outcome and its whole time. */
    private final class Recorded implements Transcription {
        private final Tags tags;
        private volatile long startNanos;
        private volatile boolean starting;

        Recorded(Tags tags) {
            this.tags = tags;
        }

        @Override
        public void sessionsStarting() {
            startNanos = System.nanoTime();
            starting = true;
        }

        @Override
        public void ended(Throwable failure) {
            safely(() -> {
                Tags outcome = tags.and(outcome(failure));
                Counter.builder(SESSIONS).tags(outcome).baseUnit("sessions")
                        .description("Exchanges transcribed, by outcome").register(registry).increment();
                if (starting) {
                    Timer.builder(SESSION).tags(outcome)
                            .description("Whole transcription of an exchange, from its first session's start to its end")
                            .register(registry).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
                }
            });
        }
    }

    /**
     * The meters of the websocket sessions of one model, each looked up in the registry once, when it first has a value
     * (as before, a meter appears only then): the observer of those sessions (called on their threads).
     */
    private final class SessionMeters implements SessionObserver {
        private final Tags tags;
        private final Map<String, Meter> meters = new ConcurrentHashMap<>();

        SessionMeters(Tags tags) {
            this.tags = tags;
        }

        @Override
        public void started() {
            open.incrementAndGet();
            counter(PARTS, "sessions", "Websocket sessions opened: one per exchange, one per part of long audio or channel")
                    .increment();
        }

        @Override
        public void created(String jobId, Duration connect) {
            timer(CONNECT, "From a session's start to the server's 'created'").record(connect);
        }

        @Override
        public void firstResult(String jobId, Duration sinceCreated) {
            timer(FIRST_RESULT, "From 'created' to the session's first result").record(sinceCreated);
        }

        @Override
        public void confirmed(Transcript transcript, Duration sinceEndOfAudio, double audioSeconds) {
            open.decrementAndGet();
            timer(CONFIRMATION, "From the end of the audio to the server's confirmation").record(sinceEndOfAudio);
            audio(audioSeconds);
            if (transcript.quotaUsed() != null) {
                counter(QUOTA, null, "Quota used, as the server's metadata reports it").increment(transcript.quotaUsed());
            }
        }

        @Override
        public void failed(ProsaSttException error, double audioSeconds) {
            open.decrementAndGet();
            audio(audioSeconds);
        }

        private void audio(double seconds) {
            if (seconds > 0) {
                counter(AUDIO, "seconds", "Seconds of audio sent").increment(seconds);
            }
        }

        private Counter counter(String name, String unit, String description) {
            return (Counter) meters.computeIfAbsent(name, n -> Counter.builder(n).tags(tags).baseUnit(unit)
                    .description(description).register(registry));
        }

        private Timer timer(String name, String description) {
            return (Timer) meters.computeIfAbsent(name,
                    n -> Timer.builder(n).tags(tags).description(description).register(registry));
        }
    }

    private static void safely(Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            LOG.debug("Recording a prosa-stt metric failed ({})", e.getClass().getSimpleName(), e);
        }
    }
}
