package com.camelprosa.prosastt.emulator;

import java.io.Closeable;
import java.lang.reflect.Field;

import jakarta.websocket.Session;

/**
 * Drops a session's TCP connection without a websocket close frame, as a crashed server or a broken network would.
 * The websocket API has no such call, so this walks Tyrus 2.2 internals (remote endpoint, web socket, protocol
 * handler, writer) and closes the transport writer; the emulator's tests fail loudly if a Tyrus upgrade moves them.
 */
final class ConnectionDropper {

    private ConnectionDropper() {
    }

    static void drop(Session session) {
        try {
            Object webSocket = fieldOfType(session.getBasicRemote(), "org.glassfish.tyrus.core.TyrusWebSocket");
            Object handler = fieldOfType(webSocket, "org.glassfish.tyrus.core.ProtocolHandler");
            ((Closeable) fieldOfType(handler, "org.glassfish.tyrus.spi.Writer")).close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot drop the connection with this Tyrus version: " + e, e);
        }
    }

    private static Object fieldOfType(Object target, String typeName) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType().getName().equals(typeName)) {
                    f.setAccessible(true);
                    return f.get(target);
                }
            }
        }
        throw new NoSuchFieldException(typeName + " in " + target.getClass().getName());
    }
}
