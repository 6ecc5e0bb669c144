package com.camelprosa.prosastt.client;

/** How the API key reaches the server. Lower-case names, as users write them in URIs. */
public enum AuthMode {
    /** {@code x-api-key} header on the websocket upgrade request. */
    header,
    /** A first text message {@code {"token": "..."}}, for environments that cannot set headers. */
    message
}
