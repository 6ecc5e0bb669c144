package com.camelprosa.component.prosastt.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.slf4j.LoggerFactory;

/**
 * Keeps the one Tyrus logger that prints websocket upgrade requests, headers included, at INFO. At FINE/DEBUG it
 * would print {@code x-api-key: <the key>} for every session, and Tyrus has no switch to leave headers out.
 * <p>
 * Works with plain java.util.logging and bridges that honour its levels (jul-to-slf4j, logback's
 * LevelChangePropagator), and with log4j-jul, whose loggers ignore java.util.logging levels, through log4j-core's
 * Configurator. Any other setup gets one warning naming the logger to configure.
 */
final class TyrusLogGuard {

    static final String HANDSHAKE_LOGGER_NAME = "org.glassfish.tyrus.client.TyrusClientEngine";

    /** Held so the level set here is not lost when java.util.logging collects unreferenced loggers. */
    private static final Logger HANDSHAKE_LOGGER = Logger.getLogger(HANDSHAKE_LOGGER_NAME);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private TyrusLogGuard() {
    }

    /** Called before every connect, so a logging configuration changed at runtime is caught too. */
    static void check() {
        if (!HANDSHAKE_LOGGER.isLoggable(Level.FINE)) {
            return;
        }
        HANDSHAKE_LOGGER.setLevel(Level.INFO);
        if (HANDSHAKE_LOGGER.isLoggable(Level.FINE)) {
            setLog4jLevelToInfo();
        }
        if (HANDSHAKE_LOGGER.isLoggable(Level.FINE)) {
            if (WARNED.compareAndSet(false, true)) {
                LoggerFactory.getLogger(TyrusLogGuard.class).warn("Logger {} is at DEBUG and would log the x-api-key"
                                                                  + " header: set it to INFO, or use authMode=message.",
                        HANDSHAKE_LOGGER_NAME);
            }
        } else {
            LoggerFactory.getLogger(TyrusLogGuard.class).info("Set {} to INFO: below it Tyrus logs the x-api-key"
                                                              + " header of every websocket upgrade.",
                    HANDSHAKE_LOGGER_NAME);
        }
    }

    private static void setLog4jLevelToInfo() {
        try {
            Class<?> level = Class.forName("org.apache.logging.log4j.Level");
            Class.forName("org.apache.logging.log4j.core.config.Configurator")
                    .getMethod("setLevel", String.class, level).invoke(null, HANDSHAKE_LOGGER_NAME,
                            level.getField("INFO").get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            // not log4j-core: the caller warns
        }
    }
}
