package com.camelprosa.benchmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Percentiles, medians over runs, and how figures are printed. */
final class Stats {

    private Stats() {
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(Collection<? extends Number> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values.size());
        for (Number v : values) {
            sorted.add(v.doubleValue());
        }
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1)));
    }

    static double median(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values.size());
        for (Number v : values) {
            sorted.add(v.doubleValue());
        }
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double min(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
    }

    static double max(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
    }

    /** "median (min–max)" of figures from several runs. */
    static String spread(Collection<? extends Number> values) {
        return fmt(median(values)) + " (" + fmt(min(values)) + "–" + fmt(max(values)) + ")";
    }

    /** The same with three decimals, for ratios. */
    static String ratioSpread(Collection<? extends Number> values) {
        return ratio(median(values)) + " (" + ratio(min(values)) + "–" + ratio(max(values)) + ")";
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
