package com.camelprosa.component.prosastt;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thousands of failing exchanges of every kind leave no thread and no socket behind. */
class LeakTest extends EmulatorTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LeakTest.class);

    private static final int ROUNDS = 150;
    private static final int PARALLEL = 8;

    @Test
    void threadsAndFileDescriptorsReturnToBaseline() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (ProsaSttEmulator strict = ProsaSttEmulator.builder().apiKey("other").rejectBadKeyAtUpgrade(true).build()
                .start()) {
            String ok = uri("general", "responseTimeout=2000");
            List<Supplier<Exchange>> kinds = List.of(
                    () -> send(ok, THREE_WORDS_WAV),
                    () -> send(ok, THREE_WORDS_WAV, label("close:4001")),
                    () -> send(ok, THREE_WORDS_WAV, label("close:4029")),
                    () -> send(ok, THREE_WORDS_WAV, label("close:1011")),
                    () -> send(ok, THREE_WORDS_WAV, label("drop")),
                    () -> send(ok, THREE_WORDS_WAV, label("garbage")),
                    () -> send(uri("general", "maxMessageSize=1000"), THREE_WORDS_WAV, label("huge:5000")),
                    () -> send(uri("general", "responseTimeout=30"), THREE_WORDS_WAV, label("stall")),
                    () -> send(ok.replace(API_KEY, "wrong"), THREE_WORDS_WAV),
                    () -> send(uri("klingon", null), THREE_WORDS_WAV),
                    () -> send(ok.replace(emulator.url(), strict.url()), THREE_WORDS_WAV),
                    () -> send(ok.replace(emulator.url(), "ws://127.0.0.1:" + closedPort + "/v2/speech/stt"),
                            THREE_WORDS_WAV),
                    () -> send(ok, new byte[0]),
                    () -> send(ok + "&continueOnIoThread=true", THREE_WORDS_WAV),
                    () -> send(ok + "&continueOnIoThread=true", THREE_WORDS_WAV, label("drop")));

            runAll(kinds, 1); // warm up: Tyrus' shared transport and Camel's pools exist from here on
            int threadsBefore = threads();
            long fdsBefore = fileDescriptors();

            long start = System.nanoTime();
            int exchanges = runAll(kinds, ROUNDS);
            long runMillis = (System.nanoTime() - start) / 1_000_000;

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> threads() <= threadsBefore + 2 && fileDescriptors() <= fdsBefore + 4);
            LOG.info("{} exchanges ({} kinds) in {} ms; threads {} -> {}; file descriptors {} -> {} (back to"
                     + " baseline {} ms after the last exchange)", exchanges, kinds.size(), runMillis, threadsBefore, threads(),
                    fdsBefore, fileDescriptors(), (System.nanoTime() - start) / 1_000_000 - runMillis);
            assertEquals(0, context.getComponent("prosa-stt", ProsaSttComponent.class).getClient().openSessions());
        }
    }

    private int runAll(List<Supplier<Exchange>> kinds, int rounds) throws Exception {
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        int total = kinds.size() * rounds;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        for (int w = 0; w < PARALLEL; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    int kind = i % kinds.size();
                    Exchange e = kinds.get(kind).get();
                    // kinds 0 (normal), 5 (non-JSON text, ignored) and 13 (continueOnIoThread) succeed; every other fails
                    boolean succeeds = kind == 0 || kind == 5 || kind == 13;
                    assertTrue(succeeds ? e.getException() == null : e.getException() != null,
                            () -> "kind " + kind + ": " + e.getException());
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        return total;
    }

    private static Map<String, Object> label(String fault) {
        return Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=" + fault + "]");
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long fileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
