package com.camelprosa.component.prosastt.client;

import java.net.URI;

import javax.net.ssl.SSLContext;

/**
 * Everything one streaming session needs besides the audio. {@link #toString()} never shows the API key.
 *
 * @param url             websocket URL of the service ({@code ws://} or {@code wss://})
 * @param apiKey          the secret API key
 * @param authMode        how the key is sent
 * @param model           the model name, e.g. {@code stt-general-online}
 * @param label           label stored with the job; null for none
 * @param includePartial  ask for interim {@code partial} transcripts
 * @param includeFiller   keep filler words
 * @param audioFormat     {@code auto} or a wire name of {@link AudioFormat}
 * @param sampleRate      Hz, or null; required for raw formats
 * @param channels        channel count, or null
 * @param chunkSize       bytes per binary frame
 * @param connectTimeout  bound on the websocket handshake, milliseconds
 * @param responseTimeout bound on silence from the server while a session is open, milliseconds
 * @param maxMessageSize  largest text message accepted from the server, bytes
 * @param sslContext      TLS context for {@code wss://}, or null for the JVM's default trust
 * @param proxy           HTTP proxy URI (e.g. {@code http://proxy:3128}), or null for a direct connection
 * @param realtime        send the audio at its own pace instead of as fast as the server reads it
 */
public record StreamRequest(String url, String apiKey, AuthMode authMode, String model, String label,
        boolean includePartial, boolean includeFiller, String audioFormat, Integer sampleRate, Integer channels,
        int chunkSize, long connectTimeout, long responseTimeout, int maxMessageSize, SSLContext sslContext,
        String proxy, boolean realtime) {

    /** Default for {@code maxMessageSize}: far above any real result message, far below a heap problem. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

    /** The vendor's streaming endpoint. */
    public static final String DEFAULT_URL = "wss://s-api.prosa.ai/v2/speech/stt";

    /**
     * Checks what can be checked before connecting.
     *
     * @throws ProsaSttInvalidInputException naming the problem and the fix
     */
    public void validate() {
        if (apiKey == null || apiKey.isBlank()) {
            throw new ProsaSttInvalidInputException(
                    "No API key: set the apiKey option (for example apiKey=RAW({{env:PROSA_API_KEY}}))"
                                                    + " or camel.component.prosa-stt.api-key.");
        }
        if (model == null || model.isBlank()) {
            throw new ProsaSttInvalidInputException("No model: use prosa-stt:<model>, e.g. prosa-stt:general.");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProsaSttInvalidInputException("The url option '" + url + "' is not a valid URI.", e);
        }
        if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme())) {
            throw new ProsaSttInvalidInputException(
                    "The url option must start with ws:// or wss://, for example " + DEFAULT_URL + ".");
        }
        AudioFormat format = AudioFormat.fromName(audioFormat);
        if (format != null) {
            checkRawFormat(format);
        }
        if (sampleRate != null && sampleRate <= 0 || channels != null && channels <= 0) {
            throw new ProsaSttInvalidInputException("sampleRate and channels must be positive when set.");
        }
        if (chunkSize <= 0 || connectTimeout <= 0 || responseTimeout <= 0 || maxMessageSize <= 0) {
            throw new ProsaSttInvalidInputException(
                    "chunkSize, connectTimeout, responseTimeout and maxMessageSize must be positive.");
        }
        if (proxy != null && !proxy.isBlank()) {
            URI p;
            try {
                p = URI.create(proxy);
            } catch (IllegalArgumentException e) {
                throw new ProsaSttInvalidInputException("The proxy option '" + proxy + "' is not a valid URI.", e);
            }
            if (!"http".equalsIgnoreCase(p.getScheme()) || p.getHost() == null) {
                throw new ProsaSttInvalidInputException(
                        "The proxy option must be an HTTP proxy URI such as http://proxy.example.com:3128.");
            }
        }
    }

    /** Raw audio has no header, so the server cannot know its rate: it must be given. */
    void checkRawFormat(AudioFormat format) {
        if (format.isRaw() && sampleRate == null) {
            throw new ProsaSttInvalidInputException(
                    "Raw audio (" + format.wireName() + ") needs its sample rate: set sampleRate (e.g. 16000)"
                                                    + " and channels, or send a WAV file.");
        }
    }

    @Override
    public String toString() {
        return "StreamRequest[url=" + url + ", authMode=" + authMode + ", model=" + model + ", label=" + label
               + ", includePartial=" + includePartial + ", includeFiller=" + includeFiller + ", audioFormat="
               + audioFormat + ", sampleRate=" + sampleRate + ", channels=" + channels + ", chunkSize=" + chunkSize
               + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout + ", maxMessageSize="
               + maxMessageSize + ", tls=" + (sslContext == null ? "default" : "custom") + ", proxy=" + proxy
               + ", realtime=" + realtime + ", apiKey=xxxxxx]";
    }
}
