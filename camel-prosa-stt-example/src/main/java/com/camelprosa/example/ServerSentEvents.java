package com.camelprosa.example;

import java.util.Locale;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.client.TranscriptStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Answers with a {@code text/event-stream}: one event per transcript event ({@code partial}, {@code result},
 * {@code end}), written to the client the moment it arrives; a failure after the answer has started becomes a last
 * {@code error} event with the same JSON as an HTTP error.
 * <p>
 * The events are written to the Vert.x response directly and the response is ended here. An InputStream body would
 * not do: platform-http reads a response stream in 8 KiB blocks, so small events would wait for more. And the stream
 * is read with hasNext/next rather than Camel's splitter, which asks for the next element before it hands on the
 * current one, so each event would wait for the one after it.
 */
public final class ServerSentEvents implements Processor {

    /** Exchange property: the Vert.x response of the request, kept by {@link #remember(Exchange)}. */
    private static final String RESPONSE = "exampleHttpResponse";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keeps the request's response at hand; call before the message is replaced. */
    public static void remember(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage http) {
            exchange.setProperty(RESPONSE, http.getResponse());
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        TranscriptStream events = exchange.getIn().getBody(TranscriptStream.class);
        HttpServerResponse response = exchange.getProperty(RESPONSE, HttpServerResponse.class);
        if (response == null) {
            throw new IllegalStateException("Server-Sent Events need the platform-http (Vert.x) response");
        }
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
        String jobId = exchange.getIn().getHeader(ProsaSttConstants.JOB_ID, String.class);
        if (jobId != null) {
            response.putHeader("X-Prosa-Job-Id", jobId);
        }
        try {
            while (!response.closed() && events.hasNext()) {
                TranscriptEvent e = events.next();
                response.write(event(e.type().name().toLowerCase(Locale.ROOT), JSON.writeValueAsString(e)));
            }
        } catch (Exception e) {
            if (!response.closed()) {
                response.write(event("error", HttpErrors.json(HttpErrors.classify(e))));
            }
        } finally {
            events.close();
            if (!response.closed() && !response.ended()) {
                response.end();
            }
        }
    }

    static Buffer event(String name, String data) {
        return Buffer.buffer("event: " + name + "\ndata: " + data + "\n\n");
    }
}
