package com.camelprosa.component.prosastt;

import java.util.Map;

import com.camelprosa.prosastt.client.SessionObserver;

/**
 * An endpoint's metrics, recorded in Micrometer when it is on the classpath and a {@code MeterRegistry} is in the
 * Camel registry, else nowhere. Only {@link MicrometerMetrics} touches Micrometer, and it is loaded only after a
 * class-presence check: the component runs the same without Micrometer.
 */
interface ProsaSttMetrics {

    /** Records nothing. */
    ProsaSttMetrics NONE = new ProsaSttMetrics() {
        @Override
        public Transcription transcription(String model) {
            return Transcription.NONE;
        }

        @Override
        public SessionObserver observer(String model) {
            return null;
        }

        @Override
        public Map<String, Object> values() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    };

    /** One exchange's transcription with {@code model}. */
    Transcription transcription(String model);

    /**
     * Hears the websocket sessions of the requests with {@code model} (one per model, set on the endpoint's request
     * once), or null when nothing is recorded.
     */
    SessionObserver observer(String model);

    /** This endpoint's meters ({@code name{tags}} to value, timers as count and total seconds), for the dev console. */
    Map<String, Object> values();

    /** Removes this endpoint's gauges (the endpoint stopped). */
    void close();

    /** What one exchange records. */
    interface Transcription {
        Transcription NONE = new Transcription() {
            @Override
            public void sessionsStarting() {
            }

            @Override
            public void ended(Throwable failure) {
            }
        };

        /** The exchange's first session starts (after any wait for maxConcurrentStreams). */
        void sessionsStarting();

        /** The exchange completed, with {@code failure} or null; once. */
        void ended(Throwable failure);
    }

    /** Micrometer's metrics for the endpoint when Micrometer and a registry are there, else {@link #NONE}. */
    static ProsaSttMetrics of(ProsaSttEndpoint endpoint) {
        return Presence.MICROMETER ? MicrometerMetrics.of(endpoint) : NONE;
    }

    /** Whether Micrometer can be loaded by this component's class loader (its bundle's, under OSGi). */
    final class Presence {
        static final boolean MICROMETER = present("io.micrometer.core.instrument.MeterRegistry");

        private Presence() {
        }

        static boolean present(String className) {
            try {
                Class.forName(className, false, ProsaSttMetrics.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }
}
