package com.camelprosa.component.prosastt;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.apache.camel.builder.RouteBuilder;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tyrus' shared transport is the JVM's: a plain Tyrus client of the application on it keeps working when the component
 * that started it stops.
 */
class SharedTransportTest extends EmulatorTestSupport {

    private static final String CONFIGURATION = "{\"model\":\"stt-general-online\",\"label\":\"" + LABEL + "\","
                                                + "\"audio\":{\"format\":\"wav\"}}";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:good").to(uri("general", null));
            }
        };
    }

    @Test
    void aPlainTyrusClientOnTheSharedTransportKeepsWorkingAfterTheComponentStops() throws Exception {
        assertNull(send("direct:good", THREE_WORDS_WAV).getException(), "the component runs on the shared transport");

        ClientManager manager = ClientManager.createClient();
        manager.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        PlainClient plain = new PlainClient();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("x-api-key", List.of(API_KEY));
                    }
                }).build();
        Session session = manager.connectToServer(plain, config, URI.create(emulator.url()));
        try {
            context.stop();

            assertTrue(session.isOpen(), "the component's stop left the other client's connection open");
            session.getBasicRemote().sendText(CONFIGURATION);
            String first = plain.messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "the emulator's answer came through the shared transport after the component stopped");
            assertTrue(first.contains("\"created\""), first);
            assertTrue(plain.readOn.startsWith("prosa-stt-shared-io"), "the plain client shared the transport the"
                                                                       + " component started, read on " + plain.readOn);
        } finally {
            session.close();
        }
    }

    private static final class PlainClient extends Endpoint {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        volatile String readOn = "";

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
                readOn = Thread.currentThread().getName();
                messages.add(message);
            });
        }
    }
}
