package com.camelprosa.component.prosastt;

import java.io.Writer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.Resources;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.apache.camel.builder.RouteBuilder;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tyrus' shared transport is the JVM's: a plain Tyrus client of the application on it keeps working when the component
 * that started it stops, and the transport stops when that client is done with it.
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
        Session session = manager.connectToServer(plain, ClientEndpointConfig.Builder.create().build(),
                URI.create(emulator.url()));
        try {
            context.stop();

            assertTrue(session.isOpen(), "the component's stop left the other client's connection open");
            // The key as the library sends it (SecretsTest scans this run's log): a send writer, never logged by Tyrus.
            try (Writer token = session.getBasicRemote().getSendWriter()) {
                token.write("{\"token\":\"" + API_KEY + "\"}");
            }
            session.getBasicRemote().sendText(CONFIGURATION);
            String first = plain.messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "the emulator's answer came through the shared transport after the component stopped");
            assertTrue(first.contains("\"created\""), first);
            assertTrue(plain.readOn.startsWith("prosa-stt-shared-io"), "the plain client shared the transport the"
                                                                       + " component started, read on " + plain.readOn);
        } finally {
            session.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Resources.componentThreads().isEmpty());
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
