package com.camelprosa.prosastt.client;

import java.util.List;

import javax.net.ssl.SSLContext;

/**
 * Everything one streaming session needs besides the audio, validated once when it is built. {@link #toString()}
 * never shows the API key.
 *
 * <pre>{@code
 * StreamRequest request = StreamRequest.builder().apiKey(key).model("stt-general-online").build();
 * }</pre>
 */
public final class StreamRequest {

    /** Default for {@code maxMessageSize}: far above any real result message, far below a heap problem. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

    /** The largest {@code chunkSize}: the vendor sends 16 000 bytes; larger frames only cost memory per stream. */
    public static final int MAX_CHUNK_SIZE = 4 * 1024 * 1024;

    /** The vendor's streaming endpoint. */
    public static final String DEFAULT_URL = "wss://s-api.prosa.ai/v2/speech/stt";

    /** The highest sampleRate taken (a WAV cannot declare more either). */
    public static final int MAX_SAMPLE_RATE = 1_000_000;

    /** The most channels taken: audio with more is not cut into sessions nor split. */
    public static final int MAX_CHANNELS = 64;

    /** Just under the real service's maximum session of one hour (its metadata's max_duration: 3600.0). */
    public static final long DEFAULT_MAX_SESSION_DURATION = 58 * 60 * 1000L;

    /** Default for {@code chunkSize}: the vendor's clients send 16 000 bytes per frame. */
    public static final int DEFAULT_CHUNK_SIZE = 16000;

    /** Default for {@code connectTimeout}, in milliseconds. */
    public static final long DEFAULT_CONNECT_TIMEOUT = 10_000;

    /** Default for {@code responseTimeout}, in milliseconds. */
    public static final long DEFAULT_RESPONSE_TIMEOUT = 30_000;

    /** Default for {@code finalizeTimeout}, in milliseconds. */
    public static final long DEFAULT_FINALIZE_TIMEOUT = 600_000;

    /** Default for {@code audioFormat}: detect it from the bytes, then the file name. */
    public static final String DEFAULT_AUDIO_FORMAT = AudioFormat.AUTO;

    private final String url;
    private final String apiKey;
    private final AuthMode authMode;
    private final String model;
    private final String label;
    private final boolean includePartial;
    private final boolean includeFiller;
    private final AudioFormat audioFormat;
    private final Integer sampleRate;
    private final Integer channels;
    private final int chunkSize;
    private final long connectTimeout;
    private final long responseTimeout;
    private final long finalizeTimeout;
    private final int maxMessageSize;
    private final SSLContext sslContext;
    private final String proxy;
    private final boolean realtime;
    private final long maxSessionDuration;
    private final boolean splitChannels;
    private final List<String> channelNames;
    private final boolean connectAhead;
    private final boolean dropRepeatedPartials;
    private final SessionObserver observer;

    StreamRequest(StreamRequestBuilder b) {
        url = b.url;
        apiKey = b.apiKey;
        authMode = b.authMode;
        model = b.model;
        label = b.label;
        includePartial = b.includePartial;
        includeFiller = b.includeFiller;
        audioFormat = AudioFormat.fromName(b.audioFormat);
        sampleRate = b.sampleRate;
        channels = b.channels;
        chunkSize = b.chunkSize;
        connectTimeout = b.connectTimeout;
        responseTimeout = b.responseTimeout;
        finalizeTimeout = b.finalizeTimeout;
        maxMessageSize = b.maxMessageSize;
        sslContext = b.sslContext;
        proxy = b.proxy == null || b.proxy.isBlank() ? null : b.proxy.trim();
        realtime = b.realtime;
        maxSessionDuration = b.maxSessionDuration;
        splitChannels = b.splitChannels;
        channelNames = b.channelNames == null ? List.of() : List.copyOf(b.channelNames);
        connectAhead = b.connectAhead;
        dropRepeatedPartials = b.dropRepeatedPartials;
        observer = b.observer;
    }

    public static StreamRequestBuilder builder() {
        return new StreamRequestBuilder();
    }

    /** Websocket URL of the service ({@code ws://} or {@code wss://}). */
    public String url() {
        return url;
    }

    /** The secret API key. */
    public String apiKey() {
        return apiKey;
    }

    public AuthMode authMode() {
        return authMode;
    }

    /** The model name, e.g. {@code stt-general-online}. */
    public String model() {
        return model;
    }

    /** Label stored with the job; null for none. */
    public String label() {
        return label;
    }

    public boolean includePartial() {
        return includePartial;
    }

    public boolean includeFiller() {
        return includeFiller;
    }

    /** The declared format, or null to detect it from the bytes and the file name. */
    public AudioFormat audioFormat() {
        return audioFormat;
    }

    /** Hz, or null; required for raw formats. */
    public Integer sampleRate() {
        return sampleRate;
    }

    public Integer channels() {
        return channels;
    }

    /** Bytes per binary frame. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Bound on the whole connect (TCP, TLS and the websocket upgrade), in milliseconds. */
    public long connectTimeout() {
        return connectTimeout;
    }

    /** Bound on a stretch without progress (audio accepted, or a new result), in milliseconds. */
    public long responseTimeout() {
        return responseTimeout;
    }

    /** Bound on the whole wait from the end of the audio to the server's confirmation, in milliseconds. */
    public long finalizeTimeout() {
        return finalizeTimeout;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** TLS context for {@code wss://}, or null for the JVM's default trust. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** HTTP proxy URI, or null for a direct connection. */
    public String proxy() {
        return proxy;
    }

    /** Send the audio at its own pace instead of as fast as the server reads it. */
    public boolean realtime() {
        return realtime;
    }

    /**
     * The longest session in milliseconds: longer WAV or raw audio of known length is sent as consecutive sessions,
     * cut at quiet points. 0 sends all audio in one session.
     */
    public long maxSessionDuration() {
        return maxSessionDuration;
    }

    /** Send each channel of multi-channel WAV or raw audio as its own mono session, and merge the results. */
    public boolean splitChannels() {
        return splitChannels;
    }

    /** The names of the channels, in order (e.g. agent, customer); may be empty. */
    public List<String> channelNames() {
        return channelNames;
    }

    /**
     * Whether the next part of a live stream connects ahead of its cut, so no audio waits for a connect (two sessions
     * are open around each cut); else it connects once the part before it is confirmed (one session at a time).
     */
    public boolean connectAhead() {
        return connectAhead;
    }

    /**
     * Whether a PARTIAL whose text is the same as the one before it (the server repeats its hypothesis while it
     * listens) is left out of the live events. True by default.
     */
    public boolean dropRepeatedPartials() {
        return dropRepeatedPartials;
    }

    /** Hears the milestones of each session of this request (metrics, tracing), or null. */
    public SessionObserver observer() {
        return observer;
    }

    /** The name of channel {@code channel} (from 0), or null when it has none. */
    String speaker(int channel) {
        return channel < channelNames.size() ? channelNames.get(channel) : null;
    }

    /** A copy with another label, model or format (per-message overrides), validated again. */
    public StreamRequestBuilder toBuilder() {
        return new StreamRequestBuilder().url(url).apiKey(apiKey).authMode(authMode).model(model).label(label)
                .includePartial(includePartial).includeFiller(includeFiller)
                .audioFormat(audioFormat == null ? AudioFormat.AUTO : audioFormat.wireName()).sampleRate(sampleRate)
                .channels(channels).chunkSize(chunkSize).connectTimeout(connectTimeout)
                .responseTimeout(responseTimeout).finalizeTimeout(finalizeTimeout).maxMessageSize(maxMessageSize)
                .sslContext(sslContext).proxy(proxy).realtime(realtime).maxSessionDuration(maxSessionDuration)
                .splitChannels(splitChannels).channelNames(channelNames).connectAhead(connectAhead)
                .dropRepeatedPartials(dropRepeatedPartials).observer(observer);
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
               + (audioFormat == null ? AudioFormat.AUTO : audioFormat.wireName()) + ", sampleRate=" + sampleRate
               + ", channels=" + channels + ", chunkSize=" + chunkSize + ", connectTimeout=" + connectTimeout
               + ", responseTimeout=" + responseTimeout + ", finalizeTimeout=" + finalizeTimeout + ", maxMessageSize="
               + maxMessageSize + ", tls=" + (sslContext == null ? "default" : "custom") + ", proxy=" + proxy
               + ", realtime=" + realtime + ", maxSessionDuration=" + maxSessionDuration + ", splitChannels=" + splitChannels
               + ", channelNames=" + channelNames + ", dropRepeatedPartials=" + dropRepeatedPartials + ", apiKey=xxxxxx]";
    }
}
