package com.camelprosa.prosastt.client.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Processor;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.client.ClientManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every place this library reaches into Tyrus (2.2) and Grizzly (4) internals, because Tyrus' API does not offer what
 * is needed. Not API: public only so that the other modules of this project (the Camel component, the emulator) share
 * it; it may change in any release.
 * <p>
 * Each hook is checked once, when this class loads, against the Tyrus on the classpath. A hook that is not there falls
 * back to what Tyrus does alone; one WARN names the Tyrus version, the hooks that fell back and what that costs.
 * {@link #hooks()} tells each hook's state (for the dev console and the health check).
 */
public final class TyrusInternals {

    /** Tyrus' shared Grizzly transport: started with our I/O pool, stopped when our last client closes. */
    public static final String SHARED_TRANSPORT = "sharedTransport";
    /** Ties a TCP connection to the endpoint that asked for it, before the websocket exists. */
    public static final String CONNECTION_WATCH = "connectionWatch";
    /** Drops a session's TCP connection without a close handshake. */
    public static final String DROP_CONNECTION = "dropConnection";
    /** Tells the one caller that writes the upgrade request to the socket, to hand it the API key and no one else. */
    public static final String WIRE_WRITER = "wireWriter";
    /** Recognises Tyrus' "no handshake response" failure, which has no type of its own. */
    public static final String HANDSHAKE_NOT_ANSWERED = "handshakeNotAnswered";

    /**
     * One hook's state.
     *
     * @param name      one of this class's hook names
     * @param available true when the hook works with this Tyrus; false when it falls back
     * @param reason    why it falls back (what was not found), or null when available
     * @param fallback  what the user loses when it falls back
     */
    public record Hook(String name, boolean available, String reason, String fallback) {
        /** {@code available} or {@code fallback: <reason>}, for a console line or a health-check detail. */
        public String state() {
            return available ? "available" : "fallback: " + reason;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TyrusInternals.class);

    /** Tyrus' message for a connect whose handshake response never came (timeout or connection closed first). */
    static final String HANDSHAKE_NOT_RECEIVED = "Handshake response not received.";
    /** Our stack check looks this many frames up from the header value's {@code get}: the writer iterates the list. */
    private static final int WIRE_WRITER_MAX_FRAMES = 6;
    private static final StackWalker STACK = StackWalker.getInstance();

    private static final String VERSION = tyrusVersion();
    private static final List<Hook> HOOKS = new ArrayList<>();
    private static final TyrusLookup.SharedTransport TRANSPORT = check(SHARED_TRANSPORT, "Tyrus' I/O runs on its"
            + " default pool (not prosa-stt-shared-io), so IoThreads.isIoThread() is always false, and the shared"
            + " transport is not stopped when the last client closes", TyrusLookup::sharedTransport);
    private static final TyrusLookup.ConnectionWatch WATCH = check(CONNECTION_WATCH, "a server that closes the TCP"
            + " connection before answering the websocket upgrade, or never answers, fails the session only at"
            + " connectTimeout, and its socket stays open until Tyrus' handshake timeout",
            TyrusLookup::connectionWatch);
    private static final TyrusLookup.Drop DROP = check(DROP_CONNECTION, "sessions that fail are closed politely (a"
            + " close frame, then waiting for the server's), so a server that stopped answering holds the connection"
            + " until Tyrus gives up", TyrusLookup::drop);
    private static final Method WIRE_WRITER_METHOD = check(WIRE_WRITER, "with authMode=header the server receives a"
            + " mask instead of the key and refuses it (close 4000 / HTTP 401): use authMode=message",
            TyrusLookup::wireWriter);
    private static final Boolean HANDSHAKE_MESSAGE = check(HANDSHAKE_NOT_ANSWERED, "a connect whose upgrade was"
            + " never answered is reported as a generic connection failure, not as a timeout or an early close",
            TyrusLookup::handshakeMessage);

    static {
        String warning = fallbackWarning(VERSION, HOOKS);
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    private TyrusInternals() {
    }

    /** Every hook's state, checked once when this class loaded. */
    public static List<Hook> hooks() {
        return List.copyOf(HOOKS);
    }

    /** The version of the Tyrus client on the classpath, or {@code unknown}. */
    public static String tyrusVersion() {
        Package p = ClientManager.class.getPackage();
        if (p != null && p.getImplementationVersion() != null) {
            return p.getImplementationVersion();
        }
        try (InputStream in = ClientManager.class.getResourceAsStream(
                "/META-INF/maven/org.glassfish.tyrus/tyrus-client/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException | RuntimeException e) {
            LOG.trace("No Tyrus version in its jar: {}", e.toString());
        }
        return "unknown";
    }

    /** The one WARN for hooks that fell back: the Tyrus version, each hook, why, and what it costs; null if none. */
    static String fallbackWarning(String version, List<Hook> hooks) {
        List<Hook> fallen = hooks.stream().filter(h -> !h.available()).toList();
        if (fallen.isEmpty()) {
            return null;
        }
        return "Tyrus " + version + " lacks internals that prosa-stt-client works around; falling back for: "
               + fallen.stream().map(h -> h.name() + " (" + h.reason() + "): " + h.fallback())
                       .collect(Collectors.joining("; "))
               + ". Pin Tyrus to the version prosa-stt-client depends on to have them.";
    }

    // --- sharedTransport ----------------------------------------------------------------------------------------

    /**
     * Tyrus' JVM-wide shared Grizzly transport, or null when it is not running or the hook fell back.
     * <p>
     * Tyrus has no API to configure the shared transport's worker pool or to stop it: Tyrus 2.2.2
     * {@code GrizzlyClientSocket} keeps it in the static field {@code transport}, starts it in the private
     * {@code getOrCreateSharedTransport(ThreadPoolConfig, ThreadPoolConfig)} with the first connect's properties and
     * stops it in the package-private {@code closeSharedTransport()}, called only by its idle timer
     * ({@code GrizzlyTransportTimeoutFilter.IdleTimeoutTransportTask}). Tyrus issues
     * <a href="https://github.com/eclipse-ee4j/tyrus/issues/463">#463</a> (stop the shared client container when no
     * session is open) and <a href="https://github.com/eclipse-ee4j/tyrus/issues/538">#538</a> (the JVM does not exit
     * with the shared transport enabled) are about that timer; none asks for an API to start or stop it.
     */
    public static TCPNIOTransport sharedTransport() {
        if (TRANSPORT == null) {
            return null;
        }
        try {
            return (TCPNIOTransport) TRANSPORT.transport().get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot read Tyrus' shared transport: {}", e.toString());
            return null;
        }
    }

    /**
     * Tyrus' shared transport, started with {@code workers} as its worker pool if it was not running; null when the
     * hook fell back (Tyrus then starts it at the first connect, with its defaults).
     */
    public static TCPNIOTransport startSharedTransport(ThreadPoolConfig workers) {
        if (TRANSPORT == null) {
            return null;
        }
        try {
            return (TCPNIOTransport) TRANSPORT.start().invoke(null, workers, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot start Tyrus' shared transport: {}", e.toString());
            return null;
        }
    }

    /** Stops Tyrus' shared transport (its next connect starts a new one); false when the hook fell back. */
    public static boolean closeSharedTransport() {
        if (TRANSPORT == null) {
            return false;
        }
        try {
            TRANSPORT.close().invoke(null);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot stop Tyrus' shared transport: {}", e.toString());
            return false;
        }
    }

    // --- connectionWatch ----------------------------------------------------------------------------------------

    /**
     * The websocket endpoint that asked for a client TCP connection, from the connection's Tyrus filter; null when
     * the connection is not a Tyrus client's or the hook fell back.
     * <p>
     * Tyrus only tells an endpoint about its connection once the server answered the upgrade; a server that closes
     * the TCP connection first, or never answers, leaves the connect waiting for Tyrus' handshake timeout with the
     * socket open (Tyrus 2.2.2 {@code ClientManager.connectToServer} waits on its response latch; for a shared
     * transport {@code TyrusClientEngine.getTimeoutHandler()} is null, so nothing closes the connection). No Tyrus
     * issue asks for the TCP connection's events; <a href="https://github.com/eclipse-ee4j/tyrus/issues/675">#675</a>
     * reports the socket left open after a handshake timeout. The path walked: Tyrus 2.2.2
     * {@code GrizzlyClientFilter.engine} (a {@code ClientEngine}), {@code TyrusClientEngine.endpointWrapper},
     * {@code TyrusEndpointWrapper.endpoint}.
     */
    public static Endpoint endpointOf(Connection<?> connection) {
        if (WATCH == null) {
            return null;
        }
        try {
            Processor<?> processor = connection.getProcessor();
            if (!(processor instanceof FilterChain chain)) {
                return null;
            }
            for (Filter filter : chain) {
                if (WATCH.filter().isInstance(filter)) {
                    Object engine = WATCH.engine().get(filter);
                    if (!WATCH.wrapper().getDeclaringClass().isInstance(engine)) {
                        return null;
                    }
                    return (Endpoint) WATCH.endpoint().get(WATCH.wrapper().get(engine));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.trace("No endpoint for connection {}: {}", connection, e.toString());
        }
        return null;
    }

    // --- dropConnection -----------------------------------------------------------------------------------------

    /**
     * Closes a Tyrus session's TCP connection at once, without a close frame (client or server side); false when
     * this could not be done (the hook fell back, or the session is not a Tyrus one), so the caller falls back.
     * <p>
     * The websocket API can only close politely ({@code Session.close} sends a close frame and waits for the peer's).
     * No Tyrus issue asks for an abort. The path walked: Tyrus 2.2.2 {@code TyrusRemoteEndpoint.webSocket},
     * {@code TyrusWebSocket.protocolHandler}, {@code ProtocolHandler.writer} (an
     * {@code org.glassfish.tyrus.spi.Writer}, which is {@link Closeable}: for Grizzly, closing it closes the connection).
     */
    public static boolean dropConnection(Session session) {
        if (DROP == null) {
            return false;
        }
        try {
            Object remote = session.getBasicRemote();
            if (!DROP.webSocket().getDeclaringClass().isInstance(remote)) {
                return false;
            }
            Object webSocket = DROP.webSocket().get(remote);
            Object handler = DROP.handler().get(webSocket);
            ((Closeable) DROP.writer().get(handler)).close();
            return true;
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            LOG.debug("Cannot drop the connection directly: {}", e.toString());
            return false;
        }
    }

    // --- wireWriter ---------------------------------------------------------------------------------------------

    /**
     * Whether the caller's caller is Tyrus writing the upgrade request to the socket; always false when the hook fell
     * back.
     * <p>
     * Tyrus 2.2.2 logs every upgrade header at FINE ({@code TyrusClientEngine.logUpgradeRequest}, through
     * {@code Utils.stringifyUpgradeRequest}) and masks only {@code Authorization}; the request is put on the wire by
     * the private {@code GrizzlyClientFilter.getHttpContent(UpgradeRequest)} alone (on the direct and the proxied
     * path). No Tyrus issue asks to mask other headers.
     */
    public static boolean calledByWireWriter() {
        if (WIRE_WRITER_METHOD == null) {
            return false;
        }
        String type = WIRE_WRITER_METHOD.getDeclaringClass().getName();
        String method = WIRE_WRITER_METHOD.getName();
        return STACK.walk(frames -> frames.limit(WIRE_WRITER_MAX_FRAMES)
                .anyMatch(f -> type.equals(f.getClassName()) && method.equals(f.getMethodName())));
    }

    // --- handshakeNotAnswered -----------------------------------------------------------------------------------

    /**
     * Whether {@code error} is Tyrus' failure for a connect whose handshake response never came; always false when
     * the hook fell back.
     * <p>
     * Tyrus 2.2.2 {@code ClientManager.connectToServer} (its connect task, compiled as an anonymous class) throws a
     * plain {@code DeploymentException("Handshake response not received.")} both when its handshake timeout passes
     * and when the connection closed before a response: the message is the only sign. Tyrus issue
     * <a href="https://github.com/eclipse-ee4j/tyrus/issues/613">#613</a> shows users meeting that bare message; no
     * issue asks for a type of its own.
     */
    public static boolean isHandshakeNotAnswered(Throwable error) {
        return HANDSHAKE_MESSAGE != null && HANDSHAKE_NOT_RECEIVED.equals(error.getMessage());
    }

    // --- the checks ---------------------------------------------------------------------------------------------

    private interface Check<T> {
        T run() throws ReflectiveOperationException;
    }

    private static <T> T check(String name, String fallback, Check<T> check) {
        try {
            T handles = check.run();
            HOOKS.add(new Hook(name, true, null, fallback));
            return handles;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            HOOKS.add(new Hook(name, false, e.toString(), fallback));
            return null;
        }
    }
}
