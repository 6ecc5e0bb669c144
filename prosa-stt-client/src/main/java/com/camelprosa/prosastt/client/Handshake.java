package com.camelprosa.prosastt.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.ClientEndpointConfig;

/** What a session sends before the audio: the upgrade's headers and the configuration message. */
final class Handshake {

    private Handshake() {
    }

    /** The websocket client configuration: the {@code x-api-key} header in header auth mode. */
    static ClientEndpointConfig clientConfig(StreamRequest request) {
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.Builder.create();
        if (request.authMode() == AuthMode.header) {
            builder.configurator(new ClientEndpointConfig.Configurator() {
                @Override
                public void beforeRequest(Map<String, List<String>> headers) {
                    headers.put("x-api-key", UnloggedApiKey.headerValue(request.apiKey()));
                }
            });
        }
        return builder.build();
    }

    /** The configuration message; {@code audio} is left out when the format is unknown (the server detects it). */
    static String configuration(StreamRequest request, AudioFormat format) {
        ObjectNode config = ServerMessage.JSON.createObjectNode();
        config.put("model", request.model());
        config.put("label", request.label());
        config.put("include_partial", request.includePartial());
        config.put("include_filler", request.includeFiller());
        if (format != null) {
            ObjectNode audio = config.putObject("audio").put("format", format.wireName());
            if (request.sampleRate() != null) {
                audio.put("sample_rate", request.sampleRate());
            }
            if (request.channels() != null) {
                audio.put("channels", request.channels());
            } else if (format.isRaw()) {
                audio.put("channels", 1); // raw audio says nothing of its layout: mono unless told otherwise
            }
        }
        return config.toString();
    }
}
