package com.camelprosa.prosastt.emulator;

import com.camelprosa.prosastt.client.internal.TyrusInternals;
import jakarta.websocket.Session;

/**
 * Drops a session's TCP connection without a websocket close frame, as a crashed server or a broken network would.
 * The websocket API has no such call: {@link TyrusInternals#dropConnection} does it, and here a Tyrus that moved its
 * internals fails the fault loudly instead of closing politely, since a polite close is not the fault asked for.
 */
final class ConnectionDropper {

    private ConnectionDropper() {
    }

    static void drop(Session session) {
        if (!TyrusInternals.dropConnection(session)) {
            throw new IllegalStateException("Cannot drop the connection with Tyrus " + TyrusInternals.tyrusVersion()
                                            + ": " + TyrusInternals.hooks());
        }
    }
}
