package com.camelprosa.example;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

import com.camelprosa.component.prosastt.client.TranscriptEvent;
import com.camelprosa.component.prosastt.client.TranscriptStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns a live {@link TranscriptStream} body into a {@code text/event-stream} answer: one event per transcript event
 * ({@code partial}, {@code result}, {@code end}), written as soon as it arrives; a failure after the answer has
 * started becomes a last {@code error} event with the same JSON as an HTTP error.
 * <p>
 * The stream is read here with hasNext/next on a thread of its own, not with Camel's splitter: the splitter asks for
 * the next element before it hands on the current one, so each event would wait for the one after it.
 */
public final class ServerSentEvents implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExecutorService pool;
    private final long idleTimeoutMillis;

    public ServerSentEvents(ExecutorService pool, long idleTimeoutMillis) {
        this.pool = pool;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public void process(Exchange exchange) {
        TranscriptStream events = exchange.getIn().getBody(TranscriptStream.class);
        EventInputStream body = new EventInputStream(idleTimeoutMillis);
        pool.execute(() -> {
            try {
                while (events.hasNext()) {
                    TranscriptEvent e = events.next();
                    body.push(event(e.type().name().toLowerCase(java.util.Locale.ROOT), JSON.writeValueAsString(e)));
                }
            } catch (Exception e) {
                body.push(event("error", HttpErrors.json(HttpErrors.classify(e))));
            } finally {
                body.end();
            }
        });
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/event-stream");
        exchange.getMessage().setHeader("Cache-Control", "no-cache");
        exchange.getMessage().setBody(body);
    }

    static byte[] event(String name, String data) {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
