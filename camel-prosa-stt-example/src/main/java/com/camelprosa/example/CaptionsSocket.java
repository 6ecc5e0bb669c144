package com.camelprosa.example;

import java.util.Locale;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import io.vertx.core.http.ServerWebSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captions page's websocket ({@code /captions/ws?label=...}): each connection's binary frames become the audio
 * stream of one exchange sent to {@code direct:captions} ({@link CaptionsRoutes}), which answers on the same socket.
 * A text frame {@code end} (or closing the socket) ends the audio.
 * <p>
 * The websocket lives on the same Vert.x server as platform-http (its router), so one port serves the page, the
 * socket and the other HTTP routes.
 */
final class CaptionsSocket {

    static final String PATH = "/captions/ws";
    private static final String SOCKET = "captionsSocket";
    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.captions");

    private CaptionsSocket() {
    }

    /** Adds the websocket to the platform-http server on {@code port}; call once Camel has started. */
    static void install(CamelContext camel, int port, long idleTimeoutMillis) {
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

    /** Sends a text frame to the exchange's socket, if it is still open. */
    static void send(Exchange e, String json) {
        ServerWebSocket ws = e.getProperty(SOCKET, ServerWebSocket.class);
        if (ws != null && !ws.isClosed()) {
            ws.writeTextMessage(json);
        }
    }

    static void close(Exchange e) {
        ServerWebSocket ws = e.getProperty(SOCKET, ServerWebSocket.class);
        if (ws != null && !ws.isClosed()) {
            ws.close();
        }
    }

    /** The captions page ({@code captions/index.html}). */
    static String page() {
        try (var in = CaptionsSocket.class.getResourceAsStream("/captions/index.html")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The captions page is missing from the jar", e);
        }
    }
}
