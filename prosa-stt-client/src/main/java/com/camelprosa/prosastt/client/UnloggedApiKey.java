package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.io.Writer;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

import com.camelprosa.prosastt.client.internal.TyrusInternals;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.websocket.RemoteEndpoint;

/**
 * Hands the API key to Tyrus (2.2.x) in the two forms Tyrus puts on the wire but never into a log line, at any level,
 * whatever the logging backend: no logger's level, filter or handler is touched, so a user who turns Tyrus to
 * DEBUG/FINEST sees everything else it logs.
 * <p>
 * What Tyrus would log otherwise:
 * <ul>
 * <li>{@code org.glassfish.tyrus.client.TyrusClientEngine} at FINE: {@code Sending handshake request:} followed by
 * every header of the websocket upgrade, {@code x-api-key} included (it masks only {@code Authorization}).</li>
 * <li>{@code org.glassfish.tyrus.core.TyrusRemoteEndpoint} at FINEST: {@code Sending text message: } followed by
 * the whole message, for {@code RemoteEndpoint.Basic.sendText} and {@code Async.sendText} alike.</li>
 * </ul>
 * Who writes the request to the socket is {@link TyrusInternals#calledByWireWriter()}.
 */
final class UnloggedApiKey {

    /** What every reader of the header value sees but the one that writes the upgrade request to the socket. */
    static final String MASK = "*****";

    private UnloggedApiKey() {
    }

    /**
     * The value of the {@code x-api-key} upgrade header: the key when Tyrus writes the request to the socket,
     * {@value #MASK} to anyone else, Tyrus' handshake logging included. Should Tyrus ever write the request elsewhere,
     * the server receives the mask and refuses the key: a visible failure, never a leak.
     */
    static List<String> headerValue(String apiKey) {
        return new HeaderValue(apiKey);
    }

    /**
     * Sends {@code {"token":"<key>"}} as one text message. Tyrus logs the content of {@code sendText} and
     * {@code sendObject}; the writer of {@link RemoteEndpoint.Basic#getSendWriter()} puts the same single text frame
     * on the wire without logging it. That writer does not wait for the frame to be written: a failure shows on the
     * next message sent, which the caller sends right after.
     */
    static void sendToken(RemoteEndpoint.Basic remote, String apiKey) throws IOException {
        String message = JsonNodeFactory.instance.objectNode().put("token", apiKey).toString();
        try (Writer writer = remote.getSendWriter()) {
            writer.write(message);
        }
    }

    private static final class HeaderValue extends AbstractList<String> implements RandomAccess {

        private final String apiKey;

        HeaderValue(String apiKey) {
            this.apiKey = apiKey;
        }

        @Override
        public String get(int index) {
            if (index != 0) {
                throw new IndexOutOfBoundsException(index);
            }
            return TyrusInternals.calledByWireWriter() ? apiKey : MASK;
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public String toString() {
            return "[" + MASK + "]";
        }
    }
}
