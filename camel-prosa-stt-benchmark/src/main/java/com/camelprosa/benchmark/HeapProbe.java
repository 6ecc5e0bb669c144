package com.camelprosa.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Child JVM of the benchmark (run with a small -Xmx): streams a synthetic WAV of the given size through the
 * component to the emulator JVM and prints the peak heap it saw. Args: url bytes.
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long bytes = Long.parseLong(args[1]);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            long start = System.nanoTime();
            Exchange out = camel.createProducerTemplate().send(BenchContext.endpoint(url),
                    e -> e.getMessage().setBody(new SyntheticWav(bytes)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            sampler.interrupt();
            long liveAfterGc = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                    .mapToLong(p -> p.getCollectionUsage().getUsed())
                    .sum();
            System.out.println("RESULT status=" + (out.getException() == null ? "ok"
                    : "failed:" + out.getException().getClass().getSimpleName())
                               + " peak=" + peak.get() + " millis=" + millis + " segments="
                               + out.getMessage().getHeader("CamelProsaSttSegmentCount") + " liveAfterGc=" + liveAfterGc);
        } catch (OutOfMemoryError e) {
            System.out.println("RESULT status=OutOfMemoryError peak=" + peak.get());
        }
    }
}
