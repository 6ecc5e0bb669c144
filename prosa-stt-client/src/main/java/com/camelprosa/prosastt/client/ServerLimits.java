package com.camelprosa.prosastt.client;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The longest session each server allows, as its {@code metadata} said ({@code max_duration}). When a server allows
 * less than {@code maxSessionDuration}, audio for it is cut at the server's figure from then on, and the log says so
 * once.
 */
final class ServerLimits {

    /** No audio this client can cut is denser than this (8 kHz mono μ-law): shorter files need no look. */
    static final long MIN_BYTES_PER_SECOND = 1000;
    /** A part stays this much under a server's maximum, for the server's own rounding. */
    static final double MARGIN = 0.97;

    private static final Logger LOG = LoggerFactory.getLogger(ServerLimits.class);

    private final Map<String, Double> maxDurations = new ConcurrentHashMap<>();

    /** The longest part for this request in seconds, or 0 when audio is never cut. */
    double sessionSeconds(StreamRequest request) {
        if (request.maxSessionDuration() <= 0) {
            return 0;
        }
        double configured = request.maxSessionDuration() / 1000.0;
        Double server = maxDurations.get(request.url());
        return server == null ? configured : Math.min(configured, server * MARGIN);
    }

    void learn(StreamRequest request, Double maxDuration) {
        if (maxDuration == null || maxDuration <= 0 || request.maxSessionDuration() <= 0) {
            return;
        }
        Double before = maxDurations.put(request.url(), maxDuration);
        double configured = request.maxSessionDuration() / 1000.0;
        if (maxDuration * MARGIN < configured && (before == null || !before.equals(maxDuration))) {
            LOG.info(String.format(Locale.ROOT, "Prosa STT at %s allows sessions of at most %.1f s (its max_duration),"
                                                + " less than maxSessionDuration=%.1f s: longer audio is cut into sessions of at most %.1f s from now on.",
                    request.url(), maxDuration, configured, maxDuration * MARGIN));
        }
    }
}
