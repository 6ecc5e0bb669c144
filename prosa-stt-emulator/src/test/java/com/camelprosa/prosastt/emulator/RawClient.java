package com.camelprosa.prosastt.emulator;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

/** A bare websocket client for driving the emulator message by message. */
public final class RawClient extends Endpoint implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final ClientManager manager = TyrusClients.withOwnExecutors();
    private Session session;

    static RawClient connect(String url, String headerKey) throws Exception {
        RawClient client = new RawClient();
        ClientEndpointConfig.Builder config = ClientEndpointConfig.Builder.create();
        if (headerKey != null) {
            config.configurator(new ClientEndpointConfig.Configurator() {
                @Override
                public void beforeRequest(Map<String, List<String>> headers) {
                    headers.put("x-api-key", List.of(headerKey));
                }
            });
        }
        client.session = client.manager.connectToServer(client, config.build(), URI.create(url));
        return client;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    RawClient text(String json) throws Exception {
        session.getBasicRemote().sendText(json);
        return this;
    }

    RawClient binary(byte[] data) throws Exception {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        return this;
    }

    /**
     * Sends {@code audio} in frames of {@code chunk} bytes (the first frame may be given apart, e.g. a WAV header) as a
     * client that streams without waiting, until all is sent or the server closes; never the end frame.
     *
     * @return the bytes handed to the socket before the server's close stopped the client
     */
    long sendUntilClosed(byte[] first, byte[] audio, int chunk) {
        long sent = 0;
        try {
            if (first.length > 0) {
                binary(first);
                sent += first.length;
            }
            for (int i = 0; i < audio.length && !closed.isDone(); i += chunk) {
                byte[] frame = java.util.Arrays.copyOfRange(audio, i, Math.min(audio.length, i + chunk));
                binary(frame);
                sent += frame.length;
            }
        } catch (Exception e) {
            // the server closed while we were sending: what a streaming client sees when a session is cut short
        }
        return sent;
    }

    /** The job id of the {@code created} message. */
    String jobId() {
        return received.stream().map(Received::read).filter(m -> m.path("type").asText().equals("created"))
                .map(m -> m.get("id").asText()).findFirst().orElseThrow(() -> new AssertionError("no created"));
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
    }
}
