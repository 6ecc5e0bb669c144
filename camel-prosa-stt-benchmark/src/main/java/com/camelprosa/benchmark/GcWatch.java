package com.camelprosa.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/** Counts this JVM's GC pauses (G1's young, mixed and full collections stop the world) and keeps the longest. */
final class GcWatch {

    private static final AtomicLong COUNT = new AtomicLong();
    private static final AtomicLong TOTAL_MICROS = new AtomicLong();
    private static final AtomicLong MAX_MICROS = new AtomicLong();

    static {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info
                                = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        if (info.getGcName().contains("Concurrent")) {
                            return; // not a pause
                        }
                        // Duration is in ms with whole-ms resolution on HotSpot: a pause under 1 ms reads 0.
                        long micros = info.getGcInfo().getDuration() * 1000;
                        COUNT.incrementAndGet();
                        TOTAL_MICROS.addAndGet(micros);
                        MAX_MICROS.accumulateAndGet(micros, Math::max);
                    }
                }, null, null);
            }
        }
    }

    private GcWatch() {
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
