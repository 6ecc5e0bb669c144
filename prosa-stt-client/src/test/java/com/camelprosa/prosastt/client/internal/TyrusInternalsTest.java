package com.camelprosa.prosastt.client.internal;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hooks into Tyrus internals, against the Tyrus this project ships: a Tyrus upgrade that moves one fails here. */
class TyrusInternalsTest {

    @Test
    void everyHookIsAvailableOnTheTyrusWeShip() {
        Map<String, TyrusInternals.Hook> hooks = TyrusInternals.hooks().stream()
                .collect(Collectors.toMap(TyrusInternals.Hook::name, Function.identity()));
        assertEquals(List.of(TyrusInternals.SHARED_TRANSPORT, TyrusInternals.CONNECTION_WATCH,
                TyrusInternals.DROP_CONNECTION, TyrusInternals.WIRE_WRITER, TyrusInternals.HANDSHAKE_NOT_ANSWERED),
                TyrusInternals.hooks().stream().map(TyrusInternals.Hook::name).toList());
        for (TyrusInternals.Hook hook : hooks.values()) {
            assertTrue(hook.available(), hook.name() + " fell back on Tyrus " + TyrusInternals.tyrusVersion() + ": "
                                         + hook.reason());
            assertNull(hook.reason(), hook.name());
            assertEquals("available", hook.state());
            assertFalse(hook.fallback().isBlank(), "what a fallback would cost is told: " + hook.name());
        }
    }

    @Test
    void oneWarningNamesTheVersionAndWhatEachFallbackCosts() {
        assertNull(TyrusInternals.fallbackWarning("2.2.2", TyrusInternals.hooks()), "nothing to warn about");
        String warning = TyrusInternals.fallbackWarning("9.9.9", List.of(
                new TyrusInternals.Hook("a", true, null, "costs a"),
                new TyrusInternals.Hook("b", false, "java.lang.NoSuchFieldException: x", "costs b"),
                new TyrusInternals.Hook("c", false, "java.lang.ClassNotFoundException: y", "costs c")));
        assertEquals("Tyrus 9.9.9 lacks internals that prosa-stt-client works around; falling back for:"
                     + " b (java.lang.NoSuchFieldException: x): costs b; c (java.lang.ClassNotFoundException: y): costs c."
                     + " Pin Tyrus to the version prosa-stt-client depends on to have them.", warning);
        assertEquals("fallback: java.lang.NoSuchFieldException: x",
                new TyrusInternals.Hook("b", false, "java.lang.NoSuchFieldException: x", "costs b").state());
    }

    @Test
    void theTyrusVersionIsReadFromItsJar() {
        String version = TyrusInternals.tyrusVersion();
        assertNotEquals("unknown", version);
        assertTrue(version.startsWith("2."), version);
    }

    @Test
    void theSharedTransportStartsWithTheGivenPoolAndStops() throws Exception {
        assertNull(TyrusInternals.sharedTransport(), "nothing started it in this test JVM");
        TCPNIOTransport transport = TyrusInternals.startSharedTransport(ThreadPoolConfig.defaultConfig()
                .setPoolName("tyrus-internals-test").setCorePoolSize(1).setMaxPoolSize(1).setDaemon(true)
                .setKeepAliveTime(1, TimeUnit.SECONDS));
        try {
            assertNotNull(transport);
            assertSame(transport, TyrusInternals.sharedTransport());
            assertEquals("tyrus-internals-test", transport.getWorkerThreadPoolConfig().getPoolName());
        } finally {
            assertTrue(TyrusInternals.closeSharedTransport());
        }
        assertNull(TyrusInternals.sharedTransport());
        assertTrue(transport.isStopped());
    }

    @Test
    void onlyTyrusNoHandshakeResponseFailureIsRecognised() {
        assertTrue(TyrusInternals.isHandshakeNotAnswered(new DeploymentException("Handshake response not received.")));
        assertFalse(TyrusInternals.isHandshakeNotAnswered(new DeploymentException("Handshake error.")));
        assertFalse(TyrusInternals.isHandshakeNotAnswered(new IllegalStateException()));
    }

    @Test
    void nothingButTyrusWritingTheUpgradeRequestIsTheWireWriter() {
        assertFalse(TyrusInternals.calledByWireWriter());
    }

    @Test
    void aSessionThatIsNotTyrusIsNotDropped() {
        RemoteEndpoint.Basic remote = proxy(RemoteEndpoint.Basic.class, null);
        Session session = proxy(Session.class, remote);
        assertFalse(TyrusInternals.dropConnection(session), "the caller falls back to a polite close");
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object basicRemote) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (p, method, args) -> method.getName().equals("getBasicRemote") ? basicRemote : null);
    }
}
