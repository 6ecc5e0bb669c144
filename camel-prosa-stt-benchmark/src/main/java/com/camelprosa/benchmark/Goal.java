package com.camelprosa.benchmark;

import java.util.List;
import java.util.Locale;

/**
 * What a row's median ratio (component / baseline) must stay within: at most or at least {@code bound}, as
 * {@code text} says in the table. A goal without a bound ({@link #none()}) is never missed by a ratio.
 */
record Goal(String text, double bound, boolean atMost) {

    static Goal atMost(double bound, String text) {
        return new Goal(text, bound, true);
    }

    static Goal atLeast(double bound, String text) {
        return new Goal(text, bound, false);
    }

    static Goal none() {
        return new Goal("—", Double.NaN, true);
    }

    /** The same goal, naming the baseline it was held against: "text (baseline)". */
    Goal against(String baseline) {
        return new Goal(text + " (" + baseline + ")", bound, atMost);
    }

    /** Whether the median of the ratios is within the bound. */
    boolean metBy(List<Double> ratios) {
        double median = Stats.median(ratios);
        return Double.isNaN(bound) || (atMost ? median <= bound : median >= bound);
    }

    /** "met", or "missed: above by 12 %" (how far the median ratio is from the bound). */
    String verdict(List<Double> ratios, boolean met) {
        if (met) {
            return "met";
        }
        if (Double.isNaN(bound)) {
            return "missed";
        }
        return "missed: " + (atMost ? "above" : "below") + " by "
               + String.format(Locale.ROOT, "%.0f %%", Math.abs(Stats.median(ratios) / bound - 1) * 100);
    }
}
