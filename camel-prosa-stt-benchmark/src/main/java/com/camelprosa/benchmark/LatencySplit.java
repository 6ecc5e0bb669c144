package com.camelprosa.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where latencies went, by part ("component: emulator → socket read", "bare: socket read → callback"...), in ms,
 * pooled over a row's runs: the socket read is when a {@link ReadProbe} saw the client's socket read the message.
 */
final class LatencySplit {

    private final Map<String, List<Double>> parts = new LinkedHashMap<>();

    void add(String part, double millis) {
        parts.computeIfAbsent(part, k -> new ArrayList<>()).add(millis);
    }

    /** "part p50 x ms, p99 y ms, max z ms; ..." */
    String note() {
        StringBuilder b = new StringBuilder();
        parts.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append(" p50 ")
                .append(Stats.fmt(Stats.percentile(v, 50))).append(" ms, p99 ").append(Stats.fmt(Stats.percentile(v, 99)))
                .append(" ms, max ").append(Stats.fmt(Stats.max(v))).append(" ms"));
        return b.toString();
    }
}
