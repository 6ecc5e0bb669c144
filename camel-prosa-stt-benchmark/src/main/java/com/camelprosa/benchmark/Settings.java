package com.camelprosa.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sizes of a full run and of a --quick one; each can be overridden with -Dbench.NAME. */
final class Settings {
    final boolean quick;
    /** Every size asked for, by name, as used: the table's notes list them. */
    final Map<String, String> used = new LinkedHashMap<>();

    Settings(boolean quick) {
        this.quick = quick;
    }

    double num(String name, double full, double quick) {
        String value = System.getProperty("bench." + name, fmtNum(this.quick ? quick : full));
        used.put(name, value);
        return Double.parseDouble(value);
    }

    int integer(String name, int full, int quick) {
        return (int) num(name, full, quick);
    }

    private static String fmtNum(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
