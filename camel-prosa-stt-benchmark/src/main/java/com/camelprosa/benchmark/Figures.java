package com.camelprosa.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A row's figures by name (a p50, a p99, a ratio...), each with one value per run. */
final class Figures {

    private final Map<String, List<Double>> values = new HashMap<>();

    void add(String figure, double value) {
        values.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
    }

    List<Double> get(String figure) {
        return values.get(figure);
    }

    /** Median (min–max) over the runs. */
    String spread(String figure) {
        return Stats.spread(get(figure));
    }

    /** Median (min–max) over the runs, as a ratio. */
    String ratioSpread(String figure) {
        return Stats.ratioSpread(get(figure));
    }
}
