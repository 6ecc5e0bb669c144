package com.camelprosa.prosastt.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import javax.net.ssl.SSLContext;

/** Builds a {@link StreamRequest}; {@link #build()} checks every value and names the option to fix. */
public final class StreamRequestBuilder {
    String url = StreamRequest.DEFAULT_URL;
    String apiKey;
    AuthMode authMode = AuthMode.header;
    String model;
    String label;
    boolean includePartial;
    boolean includeFiller;
    String audioFormat = StreamRequest.DEFAULT_AUDIO_FORMAT;
    Integer sampleRate;
    Integer channels;
    int chunkSize = StreamRequest.DEFAULT_CHUNK_SIZE;
    long connectTimeout = StreamRequest.DEFAULT_CONNECT_TIMEOUT;
    long responseTimeout = StreamRequest.DEFAULT_RESPONSE_TIMEOUT;
    long finalizeTimeout = StreamRequest.DEFAULT_FINALIZE_TIMEOUT;
    int maxMessageSize = StreamRequest.DEFAULT_MAX_MESSAGE_SIZE;
    SSLContext sslContext;
    String proxy;
    boolean realtime;
    long maxSessionDuration = StreamRequest.DEFAULT_MAX_SESSION_DURATION;
    boolean splitChannels;
    List<String> channelNames;
    boolean connectAhead = true;
    boolean dropRepeatedPartials = true;
    SessionObserver observer;

    StreamRequestBuilder() {
    }

    public StreamRequestBuilder url(String url) {
        this.url = url;
        return this;
    }

    public StreamRequestBuilder apiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    public StreamRequestBuilder authMode(AuthMode authMode) {
        this.authMode = authMode;
        return this;
    }

    public StreamRequestBuilder model(String model) {
        this.model = model;
        return this;
    }

    public StreamRequestBuilder label(String label) {
        this.label = label;
        return this;
    }

    public StreamRequestBuilder includePartial(boolean includePartial) {
        this.includePartial = includePartial;
        return this;
    }

    public StreamRequestBuilder includeFiller(boolean includeFiller) {
        this.includeFiller = includeFiller;
        return this;
    }

    /** {@code auto} (or null) to detect, else a wire name of {@link AudioFormat}. */
    public StreamRequestBuilder audioFormat(String audioFormat) {
        this.audioFormat = audioFormat;
        return this;
    }

    public StreamRequestBuilder sampleRate(Integer sampleRate) {
        this.sampleRate = sampleRate;
        return this;
    }

    public StreamRequestBuilder channels(Integer channels) {
        this.channels = channels;
        return this;
    }

    public StreamRequestBuilder chunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
        return this;
    }

    public StreamRequestBuilder connectTimeout(long millis) {
        this.connectTimeout = millis;
        return this;
    }

    public StreamRequestBuilder responseTimeout(long millis) {
        this.responseTimeout = millis;
        return this;
    }

    public StreamRequestBuilder finalizeTimeout(long millis) {
        this.finalizeTimeout = millis;
        return this;
    }

    public StreamRequestBuilder maxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
        return this;
    }

    public StreamRequestBuilder sslContext(SSLContext sslContext) {
        this.sslContext = sslContext;
        return this;
    }

    public StreamRequestBuilder proxy(String proxy) {
        this.proxy = proxy;
        return this;
    }

    public StreamRequestBuilder realtime(boolean realtime) {
        this.realtime = realtime;
        return this;
    }

    public StreamRequestBuilder maxSessionDuration(long millis) {
        this.maxSessionDuration = millis;
        return this;
    }

    public StreamRequestBuilder splitChannels(boolean splitChannels) {
        this.splitChannels = splitChannels;
        return this;
    }

    public StreamRequestBuilder channelNames(List<String> channelNames) {
        this.channelNames = channelNames;
        return this;
    }

    /** See {@link StreamRequest#dropRepeatedPartials()}; true by default. */
    public StreamRequestBuilder dropRepeatedPartials(boolean dropRepeatedPartials) {
        this.dropRepeatedPartials = dropRepeatedPartials;
        return this;
    }

    /** See {@link StreamRequest#connectAhead()}; true by default. */
    public StreamRequestBuilder connectAhead(boolean connectAhead) {
        this.connectAhead = connectAhead;
        return this;
    }

    /** See {@link SessionObserver}; none by default. */
    public StreamRequestBuilder observer(SessionObserver observer) {
        this.observer = observer;
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
        if (chunkSize > StreamRequest.MAX_CHUNK_SIZE) {
            throw invalid("chunkSize=" + chunkSize + " is above the limit of " + StreamRequest.MAX_CHUNK_SIZE
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
        if (sampleRate != null && (sampleRate <= 0 || sampleRate > StreamRequest.MAX_SAMPLE_RATE)) {
            throw new ProsaSttInvalidInputException("sampleRate=" + sampleRate + " must be between 1 and "
                                                    + StreamRequest.MAX_SAMPLE_RATE + " Hz (e.g. 16000).");
        }
        if (channels != null && (channels <= 0 || channels > StreamRequest.MAX_CHANNELS)) {
            throw new ProsaSttInvalidInputException("channels=" + channels + " must be between 1 and " + StreamRequest.MAX_CHANNELS
                                                    + " (e.g. 1, or 2 for a stereo call).");
        }
        checkProxy(proxy);
        StreamRequest request = new StreamRequest(this);
        if (request.audioFormat() != null) {
            request.checkRawFormat(request.audioFormat());
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
                                                            + " e.g. " + StreamRequest.DEFAULT_URL + ".", e);
        }
        if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme())) {
            throw invalid("The url option '" + url + "' must start with ws:// or wss://, for example "
                          + StreamRequest.DEFAULT_URL + ".");
        }
        if (uri.getHost() == null) {
            throw invalid("The url option '" + url + "' has no host name: use e.g. " + StreamRequest.DEFAULT_URL + ".");
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
