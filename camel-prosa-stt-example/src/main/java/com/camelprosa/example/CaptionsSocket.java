package com.camelprosa.example;

import java.util.Locale;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.client.TranscriptStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.ServerWebSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live captions: {@code GET /} serves a page that captures the microphone (or reads a file), and streams 16 kHz mono
 * 16-bit PCM over a websocket ({@code /captions/ws}) to this class, which sends it live to
 * {@code prosa-stt:general?outputType=stream&includePartial=true} and sends every transcript event back as JSON.
 * <p>
 * The websocket lives on the same Vert.x server as platform-http (its router), so one port serves the page, the
 * socket and the other HTTP routes.
 */
public final class CaptionsSocket extends RouteBuilder {

    static final String PATH = "/captions/ws";
    private static final String SOCKET = "captionsSocket";
    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.captions");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure() {
        from("platform-http:/?httpMethodRestrict=GET").routeId("captions-page")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/html; charset=utf-8"))
                .setBody(constant(page()));

        // The websocket's audio is an InputStream fed as frames arrive: no stream caching, or Camel would read it
        // to its end before prosa-stt sees a byte.
        from("direct:captions").routeId("captions").streamCache("false")
                .onException(Exception.class).handled(true).logExhausted(false)
                    .process(e -> send(e, "{\"type\":\"ERROR\",\"error\":" + HttpErrors.json(HttpErrors.classify(
                            e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))) + "}"))
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
                        send(e, JSON.writeValueAsString(event));
                        if (event.type() == TranscriptEvent.Type.RESULT) {
                            LOG.info("Caption {} [{}-{} s]: {}", e.getIn().getHeader(ProsaSttConstants.LABEL),
                                    AudioJob.fmt(event.start()), AudioJob.fmt(event.end()), event.text());
                        }
                    }
                })
                .process(CaptionsSocket::close);
    }

    /** Adds the websocket to the platform-http server on {@code port}; call once Camel has started. */
    public static void install(CamelContext camel, int port, long idleTimeoutMillis) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        ProducerTemplate template = camel.createProducerTemplate();
        router.route(PATH).handler(ctx -> {
            String label = ctx.queryParams().get("label");
            String name = label == null || label.isBlank() ? "microphone" : label;
            ctx.request().toWebSocket().onSuccess(ws -> {
                EventInputStream audio = new EventInputStream(idleTimeoutMillis);
                ws.binaryMessageHandler(buffer -> audio.push(buffer.getBytes()));
                ws.textMessageHandler(text -> {
                    if (text.trim().toLowerCase(Locale.ROOT).equals("end")) {
                        audio.end();
                    }
                });
                ws.closeHandler(v -> audio.end());
                Exchange exchange = new DefaultExchange(camel);
                exchange.getIn().setBody(audio);
                exchange.getIn().setHeader(ProsaSttConstants.LABEL, name);
                exchange.setProperty(SOCKET, ws);
                LOG.info("Captions for {} started", name);
                template.asyncSend("direct:captions", exchange);
            }).onFailure(e -> LOG.warn("Websocket upgrade failed: {}", e.getMessage()));
        });
    }

    private static void send(Exchange e, String json) {
        ServerWebSocket ws = e.getProperty(SOCKET, ServerWebSocket.class);
        if (ws != null && !ws.isClosed()) {
            ws.writeTextMessage(json);
        }
    }

    private static void close(Exchange e) {
        ServerWebSocket ws = e.getProperty(SOCKET, ServerWebSocket.class);
        if (ws != null && !ws.isClosed()) {
            ws.close();
        }
    }

    private static String page() {
        try (var in = CaptionsSocket.class.getResourceAsStream("/captions/index.html")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The captions page is missing from the jar", e);
        }
    }
}
