package com.camelprosa.example;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.client.TranscriptStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live captions: {@code GET /} serves a page that captures the microphone (or reads a file) and streams 16 kHz mono
 * 16-bit PCM over a websocket ({@link CaptionsSocket}, {@code /captions/ws}); {@code direct:captions} sends it live to
 * {@code prosa-stt:general?outputType=stream&includePartial=true} and every transcript event back as JSON.
 */
public class CaptionsRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.captions");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure() {
        from("platform-http:/?httpMethodRestrict=GET").routeId("captions-page")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/html; charset=utf-8"))
                .setBody(constant(CaptionsSocket.page()));

        // The websocket's audio is an InputStream fed as frames arrive: no stream caching, or Camel would read it
        // to its end before prosa-stt sees a byte.
        from("direct:captions").routeId("captions").streamCache("false")
                .onException(Exception.class).handled(true).logExhausted(false)
                    .process(e -> CaptionsSocket.send(e, "{\"type\":\"ERROR\",\"error\":" + HttpErrors.json(
                            HttpErrors.classify(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))) + "}"))
                    .process(CaptionsSocket::close)
                .end()
                .to("prosa-stt:general?outputType=stream&includePartial=true&audioFormat=s16le&sampleRate=16000"
                    + "&channels=1&chunkSize=3200")
                .process(e -> {
                    // Read the live stream with hasNext/next and pass each event on at once (Camel's splitter
                    // would hold each one until the next arrives).
                    TranscriptStream events = e.getIn().getBody(TranscriptStream.class);
                    while (events.hasNext()) {
                        TranscriptEvent event = events.next();
                        CaptionsSocket.send(e, JSON.writeValueAsString(event));
                        if (event.type() == TranscriptEvent.Type.RESULT) {
                            LOG.info("Caption {} [{}-{} s]: {}", e.getIn().getHeader(ProsaSttConstants.LABEL),
                                    AudioJob.fmt(event.start()), AudioJob.fmt(event.end()), event.text());
                        }
                    }
                })
                .process(CaptionsSocket::close);
    }
}
