package com.camelprosa.prosastt.client;

import java.net.URI;
import java.net.URISyntaxException;

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

    private StreamRequest(Builder b) {
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
    }

    public static Builder builder() {
        return new Builder();
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

    /** The name of channel {@code channel} (from 0), or null when it has none. */
    String speaker(int channel) {
        return channel < channelNames.size() ? channelNames.get(channel) : null;
    }

    /** A copy with another label, model or format (per-message overrides), validated again. */
    public Builder toBuilder() {
        return new Builder().url(url).apiKey(apiKey).authMode(authMode).model(model).label(label)
                .includePartial(includePartial).includeFiller(includeFiller)
                .audioFormat(audioFormat == null ? AudioFormat.AUTO : audioFormat.wireName()).sampleRate(sampleRate)
                .channels(channels).chunkSize(chunkSize).connectTimeout(connectTimeout)
                .responseTimeout(responseTimeout).finalizeTimeout(finalizeTimeout).maxMessageSize(maxMessageSize)
                .sslContext(sslContext).proxy(proxy).realtime(realtime).maxSessionDuration(maxSessionDuration)
                .splitChannels(splitChannels).channelNames(channelNames).connectAhead(connectAhead);
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
               + ", channelNames=" + channelNames + ", apiKey=xxxxxx]";
    }

    /** Builds a {@link StreamRequest}; {@link #build()} checks every value and names the option to fix. */
    public static final class Builder {
        private String url = DEFAULT_URL;
        private String apiKey;
        private AuthMode authMode = AuthMode.header;
        private String model;
        private String label;
        private boolean includePartial;
        private boolean includeFiller;
        private String audioFormat = AudioFormat.AUTO;
        private Integer sampleRate;
        private Integer channels;
        private int chunkSize = 16000;
        private long connectTimeout = 10000;
        private long responseTimeout = 30000;
        private long finalizeTimeout = 600000;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private SSLContext sslContext;
        private String proxy;
        private boolean realtime;
        private long maxSessionDuration = DEFAULT_MAX_SESSION_DURATION;
        private boolean splitChannels;
        private List<String> channelNames;
        private boolean connectAhead = true;

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = authMode;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder includePartial(boolean includePartial) {
            this.includePartial = includePartial;
            return this;
        }

        public Builder includeFiller(boolean includeFiller) {
            this.includeFiller = includeFiller;
            return this;
        }

        /** {@code auto} (or null) to detect, else a wire name of {@link AudioFormat}. */
        public Builder audioFormat(String audioFormat) {
            this.audioFormat = audioFormat;
            return this;
        }

        public Builder sampleRate(Integer sampleRate) {
            this.sampleRate = sampleRate;
            return this;
        }

        public Builder channels(Integer channels) {
            this.channels = channels;
            return this;
        }

        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        public Builder connectTimeout(long millis) {
            this.connectTimeout = millis;
            return this;
        }

        public Builder responseTimeout(long millis) {
            this.responseTimeout = millis;
            return this;
        }

        public Builder finalizeTimeout(long millis) {
            this.finalizeTimeout = millis;
            return this;
        }

        public Builder maxMessageSize(int maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
            return this;
        }

        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public Builder proxy(String proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder realtime(boolean realtime) {
            this.realtime = realtime;
            return this;
        }

        public Builder maxSessionDuration(long millis) {
            this.maxSessionDuration = millis;
            return this;
        }

        public Builder splitChannels(boolean splitChannels) {
            this.splitChannels = splitChannels;
            return this;
        }

        public Builder channelNames(List<String> channelNames) {
            this.channelNames = channelNames;
            return this;
        }

        /** See {@link StreamRequest#connectAhead()}; true by default. */
        public Builder connectAhead(boolean connectAhead) {
            this.connectAhead = connectAhead;
            return this;
        }

        /**
         * Checks every value and builds the request.
         *
         * @throws ProsaSttInvalidConfigurationException for a wrong connection or sending option (url, timeouts,
         *                                               chunkSize...), naming it and the fix
         * @throws ProsaSttInvalidInputException         for audio settings that cannot describe any audio
         */
        public StreamRequest build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw invalid("No API key: set the apiKey option (for example apiKey=RAW({{env:PROSA_API_KEY}}), or"
                              + " camel.component.prosa-stt.api-key). Keys come from the Prosa Console.");
            }
            if (model == null || model.isBlank()) {
                throw invalid("No model: use prosa-stt:<model>, e.g. prosa-stt:general.");
            }
            checkUrl(url);
            if (authMode == null) {
                throw invalid("The authMode option is not set: use header or message.");
            }
            positive("chunkSize", chunkSize, "e.g. 16000");
            if (chunkSize > MAX_CHUNK_SIZE) {
                throw invalid("chunkSize=" + chunkSize + " is above the limit of " + MAX_CHUNK_SIZE
                              + " bytes: each open stream holds two chunks in memory. Use 16000 (the vendor's size).");
            }
            positive("connectTimeout", connectTimeout, "e.g. 10s");
            positive("responseTimeout", responseTimeout, "e.g. 30s");
            positive("finalizeTimeout", finalizeTimeout, "e.g. 10m");
            positive("maxMessageSize", maxMessageSize, "e.g. 1048576");
            if (maxSessionDuration < 0) {
                throw invalid("maxSessionDuration=" + maxSessionDuration + " must be 0 (one session) or positive (e.g."
                              + " 58m, just under the server's maximum).");
            }
            if (sampleRate != null && (sampleRate <= 0 || sampleRate > MAX_SAMPLE_RATE)) {
                throw new ProsaSttInvalidInputException("sampleRate=" + sampleRate + " must be between 1 and "
                                                        + MAX_SAMPLE_RATE + " Hz (e.g. 16000).");
            }
            if (channels != null && (channels <= 0 || channels > MAX_CHANNELS)) {
                throw new ProsaSttInvalidInputException("channels=" + channels + " must be between 1 and " + MAX_CHANNELS
                                                        + " (e.g. 1, or 2 for a stereo call).");
            }
            checkProxy(proxy);
            StreamRequest request = new StreamRequest(this);
            if (request.audioFormat != null) {
                request.checkRawFormat(request.audioFormat);
            }
            return request;
        }

        private static void positive(String option, long value, String example) {
            if (value <= 0) {
                throw invalid(option + "=" + value + " must be positive (" + example + ").");
            }
        }

        private static void checkUrl(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException | NullPointerException e) {
                throw new ProsaSttInvalidConfigurationException("The url option '" + url + "' is not a valid URI: use"
                                                                + " e.g. " + DEFAULT_URL + ".", e);
            }
            if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme())) {
                throw invalid("The url option '" + url + "' must start with ws:// or wss://, for example "
                              + DEFAULT_URL + ".");
            }
            if (uri.getHost() == null) {
                throw invalid("The url option '" + url + "' has no host name: use e.g. " + DEFAULT_URL + ".");
            }
            if (uri.getPort() > 65535) {
                throw invalid("The url option '" + url + "' has port " + uri.getPort()
                              + ", outside 1-65535: fix the port in the url.");
            }
        }

        private static void checkProxy(String proxy) {
            if (proxy == null || proxy.isBlank()) {
                return;
            }
            URI p;
            try {
                p = new URI(proxy.trim());
            } catch (URISyntaxException e) {
                throw new ProsaSttInvalidConfigurationException("The proxy option '" + proxy + "' is not a valid URI:"
                                                                + " use e.g. http://proxy.example.com:3128.", e);
            }
            if (!"http".equalsIgnoreCase(p.getScheme()) || p.getHost() == null || p.getPort() > 65535) {
                throw invalid("The proxy option '" + proxy + "' must be an HTTP proxy URI such as"
                              + " http://proxy.example.com:3128.");
            }
        }

        private static ProsaSttInvalidConfigurationException invalid(String message) {
            return new ProsaSttInvalidConfigurationException(message, null);
        }
    }
}
