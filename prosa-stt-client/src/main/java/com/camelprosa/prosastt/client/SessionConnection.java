package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.grizzly.Connection;

/**
 * The websocket of one session: connects it, sends the key and the configuration once it is open, carries frames,
 * and ends it (politely after a success, at once after a failure). What arrives goes to the session's {@link Events}.
 */
final class SessionConnection {

    /** How long a connection closed before the upgrade waits for Tyrus' own explanation (an HTTP status). */
    private static final long UPGRADE_VERDICT_GRACE_MILLIS = 300;

    /** What the session hears from its connection. */
    interface Events {
        /** False once the session has ended. */
        boolean isOpen();

        void opened();

        void text(String message);

        void binary(ByteBuffer data);

        void closed(int code, String reason);

        void failed(Throwable error);

        void fail(ProsaSttException error);
    }

    private final StreamRequest request;
    private final TyrusConnector connector;
    private final ScheduledExecutorService timers;
    private final Events events;
    private volatile Session socket;
    private volatile Future<?> connecting;
    private volatile Connection<?> tcp;

    SessionConnection(StreamRequest request, TyrusConnector connector, ScheduledExecutorService timers, Events events) {
        this.request = request;
        this.connector = connector;
        this.timers = timers;
        this.events = events;
    }

    /** Starts the connect; the session bounds it and calls {@link #cancelConnect()} at the bound. */
    void connect(String configuration, Consumer<Throwable> onFailure) {
        connecting = connector.connect(request, new Socket(configuration), Handshake.clientConfig(request), onFailure);
    }

    boolean tcpConnected() {
        return tcp != null;
    }

    /** Interrupts a connect in progress, freeing its thread. */
    void cancelConnect() {
        Future<?> c = connecting;
        if (c != null) {
            c.cancel(true);
        }
    }

    void sendBinary(ByteBuffer frame, Consumer<Throwable> done) {
        socket.getAsyncRemote().sendBinary(frame, sent -> done.accept(sent.isOK() ? null : sent.getException()));
    }

    /** Ends the connection: with a close frame after a success, at once (no waiting on the peer) otherwise. */
    void end(boolean abort) {
        Session s = socket;
        Connection<?> pending = tcp;
        if (s == null && pending != null) {
            pending.closeSilently(); // the upgrade never completed: nobody else will close this connection
        }
        if (s == null && abort) {
            cancelConnect(); // else a connect still on its way holds its thread until Tyrus' own handshake timeout
        }
        if (s != null && s.isOpen()) {
            if (abort) {
                connector.abort(s);
            } else {
                try {
                    s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "Client done"));
                } catch (IOException | RuntimeException e) {
                    connector.abort(s);
                }
            }
        }
    }

    /** The Tyrus side: a private adapter, so the session's own methods are not websocket callbacks. */
    private final class Socket extends Endpoint implements GrizzlyTransport.Watcher {
        private final String configuration;

        Socket(String configuration) {
            this.configuration = configuration;
        }

        @Override
        public void connected(Connection<?> connection) {
            tcp = connection;
            if (!events.isOpen()) {
                connection.closeSilently(); // the connect bound passed while TCP was connecting
            }
        }

        @Override
        public void disconnected() {
            if (socket == null && events.isOpen()) {
                closedBeforeUpgrade();
            }
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            socket = session;
            if (!events.isOpen()) { // timed out or aborted while the upgrade was on its way
                connector.abort(session);
                return;
            }
            session.setMaxTextMessageBufferSize(request.maxMessageSize());
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) events::text);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) events::binary);
            events.opened();
            try {
                if (request.authMode() == AuthMode.message) {
                    UnloggedApiKey.sendToken(session.getBasicRemote(), request.apiKey());
                }
                session.getAsyncRemote().sendText(configuration);
            } catch (IOException | RuntimeException e) {
                events.failed(e);
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            events.closed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }

        @Override
        public void onError(Session session, Throwable error) {
            events.failed(error);
        }
    }

    /** Tyrus may still be reading the server's last words (an HTTP 401 or 429): let its verdict come first. */
    private void closedBeforeUpgrade() {
        ProsaSttException closed = Failures.closedBeforeUpgrade(request.url());
        try {
            timers.schedule(() -> {
                if (socket == null) {
                    events.fail(closed);
                    cancelConnect();
                }
            }, Math.min(UPGRADE_VERDICT_GRACE_MILLIS, request.connectTimeout()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            events.fail(closed);
        }
    }
}
