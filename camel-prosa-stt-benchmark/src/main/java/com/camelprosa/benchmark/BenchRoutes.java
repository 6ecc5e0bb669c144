package com.camelprosa.benchmark;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.TranscriptEvent;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The benchmark JVM's routes: the component's endpoint in each way the rows send (whole files, live with partials,
 * each also with {@code continueOnIoThread=true}), the bare client as a Camel processor, and when each exchange was
 * done and each partial reached its route.
 */
final class BenchRoutes extends RouteBuilder {

    /** 100 ms of 16 kHz 16-bit mono: what live captioning sends. */
    static final int LIVE_CHUNK = 3200;

    /** Job id → when its exchange was done ({@link System#nanoTime()}). */
    final Map<String, Long> doneAt = new ConcurrentHashMap<>();
    /** Job id → when the route of eventUri saw each of its partials. */
    final Map<String, List<Long>> partialsAt = new ConcurrentHashMap<>();
    private final String url;

    BenchRoutes(String url) {
        this.url = url;
    }

    @Override
    public void configure() {
        String endpoint = BenchContext.endpoint(url);
        String live = "&includePartial=true&chunkSize=" + LIVE_CHUNK + "&eventUri=direct:events";
        from("direct:transcribe").to(endpoint).process(this::done);
        from("direct:transcribe-io").to(endpoint + "&continueOnIoThread=true").process(this::done);
        from("direct:bare-camel").process(bareInCamel()).process(this::done);
        from("direct:live").to(endpoint + "&realtime=true" + live);
        from("direct:live-fast").to(endpoint + live);
        from("direct:live-io").to(endpoint + "&realtime=true" + live + "&continueOnIoThread=true");
        from("direct:live-fast-io").to(endpoint + live + "&continueOnIoThread=true");
        from("direct:events").process(e -> {
            long now = System.nanoTime();
            TranscriptEvent event = e.getMessage().getBody(TranscriptEvent.class);
            if (event.type() == TranscriptEvent.Type.PARTIAL) {
                partialsAt.computeIfAbsent(event.jobId(), k -> new CopyOnWriteArrayList<>()).add(now);
            }
        });
    }

    private void done(Exchange e) {
        doneAt.put(BenchContext.jobId(e), System.nanoTime());
    }

    /**
     * The bare client as a Camel async processor: the metadata callback hands off to an elastic pool, as the
     * component's callback pool is, which continues the exchange. The component minus its own work, for row 4.
     */
    private AsyncProcessor bareInCamel() {
        ExecutorService callbacks = getContext().getExecutorServiceManager().newCachedThreadPool(this, "BenchCallback");
        ExecutorService starts = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-bare-start");
            t.setDaemon(true);
            return t;
        });
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                starts.execute(() -> {
                    try {
                        BareTyrusClient.Run run = BareTyrusClient.open(url, "bare-camel", false);
                        run.metadataAt.whenCompleteAsync((at, error) -> {
                            if (error != null) {
                                exchange.setException(error);
                            } else {
                                exchange.getMessage().setHeader(ProsaSttConstants.JOB_ID, run.jobId());
                            }
                            callback.done(false);
                        }, callbacks);
                        BareTyrusClient.uploadChained(run, exchange.getMessage().getBody(InputStream.class), 16000, 2);
                    } catch (Exception e) {
                        exchange.setException(e);
                        callback.done(false);
                    }
                });
                return false;
            }
        };
    }
}
