package com.camelprosa.benchmark;

import java.io.InputStream;
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
import com.camelprosa.prosastt.emulator.TyrusClients;
import org.glassfish.tyrus.client.ClientManager;

/**
 * The baseline: the protocol done by hand with Tyrus, as the vendor's Python client does it (blocking sends of
 * 16 000-byte chunks, then the empty frame), with no Camel and no component. Records when messages arrive.
 */
final class BareTyrusClient {

    private static final ClientManager MANAGER = TyrusClients.withOwnExecutors();

    /** What one session saw, in {@link System#nanoTime()}. */
    static final class Run extends Endpoint {
        final CompletableFuture<String> created = new CompletableFuture<>();
        final CompletableFuture<Long> closedAt = new CompletableFuture<>();
        final List<Long> partialsAt = new CopyOnWriteArrayList<>();
        volatile int results;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                long now = System.nanoTime();
                if (text.contains("\"type\":\"created\"")) {
                    created.complete(text);
                } else if (text.contains("\"type\":\"partial\"")) {
                    partialsAt.add(now);
                } else if (text.contains("\"type\":\"result\"")) {
                    results++;
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closedAt.complete(System.nanoTime());
        }
    }

    private BareTyrusClient() {
    }

    static Run transcribe(String url, String apiKey, InputStream audio, String label, boolean partials)
            throws Exception {
        Run run = new Run();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("x-api-key", List.of(apiKey));
                    }
                }).build();
        Session session = MANAGER.connectToServer(run, config, URI.create(url));
        session.getBasicRemote().sendText("{\"model\":\"stt-general-online\",\"label\":\"" + label
                                          + "\",\"include_partial\":" + partials + ",\"include_filler\":false,"
                                          + "\"audio\":{\"format\":\"wav\"}}");
        run.created.get(30, TimeUnit.SECONDS);
        byte[] chunk = new byte[16000];
        int n;
        while ((n = audio.readNBytes(chunk, 0, chunk.length)) > 0) {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(chunk, 0, n));
        }
        session.getBasicRemote().sendBinary(ByteBuffer.allocate(0));
        run.closedAt.get(60, TimeUnit.SECONDS);
        return run;
    }
}
