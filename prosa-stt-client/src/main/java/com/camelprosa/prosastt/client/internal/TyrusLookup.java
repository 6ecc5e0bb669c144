package com.camelprosa.prosastt.client.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.websocket.Endpoint;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.client.ClientManager;

/**
 * Finds, in the Tyrus on the classpath, the members each of {@link TyrusInternals}' hooks uses, or says what is
 * missing (by throwing). Classes are named, not imported: a Tyrus that dropped one must not fail the class loading.
 */
final class TyrusLookup {

    static final String SOCKET = "org.glassfish.tyrus.container.grizzly.client.GrizzlyClientSocket";
    static final String CLIENT_FILTER = "org.glassfish.tyrus.container.grizzly.client.GrizzlyClientFilter";

    private TyrusLookup() {
    }

    record SharedTransport(Field transport, Method start, Method close) {
    }

    record ConnectionWatch(Class<?> filter, Field engine, Field wrapper, Field endpoint) {
    }

    record Drop(Field webSocket, Field handler, Field writer) {
    }

    static SharedTransport sharedTransport() throws ReflectiveOperationException {
        Class<?> socket = tyrusClass(SOCKET);
        Field transport = accessible(socket.getDeclaredField("transport"));
        if (!transport.getType().isAssignableFrom(TCPNIOTransport.class)) {
            throw new NoSuchFieldException(SOCKET + ".transport is a " + transport.getType().getName());
        }
        Method start = accessible(socket.getDeclaredMethod("getOrCreateSharedTransport", ThreadPoolConfig.class,
                ThreadPoolConfig.class));
        Method close = accessible(socket.getDeclaredMethod("closeSharedTransport"));
        return new SharedTransport(transport, start, close);
    }

    static ConnectionWatch connectionWatch() throws ReflectiveOperationException {
        Class<?> filter = tyrusClass(CLIENT_FILTER);
        Field engine = fieldOfType(filter, "org.glassfish.tyrus.spi.ClientEngine");
        Field wrapper = fieldOfType(tyrusClass("org.glassfish.tyrus.client.TyrusClientEngine"),
                "org.glassfish.tyrus.core.TyrusEndpointWrapper");
        Field endpoint = fieldOfType(tyrusClass("org.glassfish.tyrus.core.TyrusEndpointWrapper"),
                Endpoint.class.getName());
        return new ConnectionWatch(filter, engine, wrapper, endpoint);
    }

    static Drop drop() throws ReflectiveOperationException {
        Field webSocket = fieldOfType(tyrusClass("org.glassfish.tyrus.core.TyrusRemoteEndpoint"),
                "org.glassfish.tyrus.core.TyrusWebSocket");
        Field handler = fieldOfType(webSocket.getType(), "org.glassfish.tyrus.core.ProtocolHandler");
        Field writer = fieldOfType(handler.getType(), "org.glassfish.tyrus.spi.Writer");
        if (!Closeable.class.isAssignableFrom(writer.getType())) {
            throw new NoSuchFieldException(writer.getType().getName() + " is not Closeable");
        }
        return new Drop(webSocket, handler, writer);
    }

    static Method wireWriter() throws ReflectiveOperationException {
        for (Method m : tyrusClass(CLIENT_FILTER).getDeclaredMethods()) {
            if (m.getName().equals("getHttpContent") && m.getParameterCount() == 1
                && m.getParameterTypes()[0].getName().equals("org.glassfish.tyrus.spi.UpgradeRequest")) {
                return m;
            }
        }
        throw new NoSuchMethodException(CLIENT_FILTER + ".getHttpContent(UpgradeRequest)");
    }

    /** The message is a constant in ClientManager or one of its anonymous classes: look for it in their bytecode. */
    static Boolean handshakeMessage() throws ReflectiveOperationException {
        byte[] wanted = TyrusInternals.HANDSHAKE_NOT_RECEIVED.getBytes(StandardCharsets.UTF_8);
        List<String> classes = new ArrayList<>(List.of("ClientManager"));
        for (int i = 1; classFile("ClientManager$" + i) != null; i++) {
            classes.add("ClientManager$" + i);
            for (int j = 1; classFile("ClientManager$" + i + "$" + j) != null; j++) {
                classes.add("ClientManager$" + i + "$" + j);
            }
        }
        for (String c : classes) {
            byte[] bytes = classFile(c);
            if (bytes != null && indexOf(bytes, wanted) >= 0) {
                return Boolean.TRUE;
            }
        }
        throw new ClassNotFoundException("no class of " + ClientManager.class.getName() + " holds \""
                                         + TyrusInternals.HANDSHAKE_NOT_RECEIVED + "\"");
    }

    private static byte[] classFile(String simpleName) {
        try (InputStream in = ClientManager.class.getResourceAsStream(simpleName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Class<?> tyrusClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, TyrusLookup.class.getClassLoader());
    }

    private static Field fieldOfType(Class<?> type, String fieldType) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType().getName().equals(fieldType)) {
                    return accessible(f);
                }
            }
        }
        throw new NoSuchFieldException("a " + fieldType + " in " + type.getName());
    }

    private static <T extends AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }
}
