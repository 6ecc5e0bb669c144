package com.camelprosa.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Counts this JVM's GC pauses (G1's young, mixed and full collections; ZGC's "ZGC Pauses", not its concurrent
 * "ZGC Cycles") and keeps the longest.
 */
final class GcWatch {

    private static final AtomicLong COUNT = new AtomicLong();
    private static final AtomicLong TOTAL_MICROS = new AtomicLong();
    private static final AtomicLong MAX_MICROS = new AtomicLong();
    /** System.nanoTime() when this JVM started (ms resolution): GcInfo's times are ms since then. */
    private static final long START_NANOS = System.nanoTime()
                                            - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;
    private static final java.util.Deque<long[]> PAUSES = new java.util.concurrent.ConcurrentLinkedDeque<>();

    static {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info
                                = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        if (info.getGcName().contains("Concurrent") || info.getGcName().contains("Cycles")) {
                            return; // not a pause
                        }
                        // Duration is in ms with whole-ms resolution on HotSpot: a pause under 1 ms reads 0.
                        long micros = info.getGcInfo().getDuration() * 1000;
                        COUNT.incrementAndGet();
                        TOTAL_MICROS.addAndGet(micros);
                        MAX_MICROS.accumulateAndGet(micros, Math::max);
                        PAUSES.add(new long[] { START_NANOS + info.getGcInfo().getStartTime() * 1_000_000,
                            START_NANOS + (info.getGcInfo().getEndTime() + 1) * 1_000_000 });
                        while (PAUSES.size() > 100_000) {
                            PAUSES.poll();
                        }
                    }
                }, null, null);
            }
        }
    }

    private GcWatch() {
    }

    /** The pauses so far as [start, end] in {@link System#nanoTime()} (±1 ms), oldest first. */
    static java.util.List<long[]> pauses() {
        return new java.util.ArrayList<>(PAUSES);
    }

    /** As text, for another JVM: "start,end;start,end". */
    static String pausesText() {
        StringBuilder b = new StringBuilder();
        for (long[] p : PAUSES) {
            b.append(b.length() == 0 ? "" : ";").append(p[0]).append(',').append(p[1]);
        }
        return b.length() == 0 ? "-" : b.toString();
    }

    static java.util.List<long[]> parsePauses(String text) {
        java.util.List<long[]> pauses = new java.util.ArrayList<>();
        if (!"-".equals(text)) {
            for (String p : text.split(";")) {
                String[] f = p.split(",");
                pauses.add(new long[] { Long.parseLong(f[0]), Long.parseLong(f[1]) });
            }
        }
        return pauses;
    }

    static void reset() {
        COUNT.set(0);
        TOTAL_MICROS.set(0);
        MAX_MICROS.set(0);
    }

    /** "N pauses, T ms in all, longest M ms" since the last reset. */
    static String summary() {
        return COUNT.get() + " GC pauses, " + TOTAL_MICROS.get() / 1000 + " ms in all, longest " + MAX_MICROS.get() / 1000
               + " ms";
    }

    static String collectors() {
        return String.join(" + ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
    }
}
