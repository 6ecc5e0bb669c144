package com.camelprosa.component.prosastt.springboot;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Transcribes the message body (audio) with the Prosa.ai streaming speech-to-text API.
 * <p>
 * Every option of the prosa-stt component, bound from {@code camel.component.prosa-stt.*}; written by hand in the
 * shape Camel's starter generator produces (that generator hard-codes Apache's group id). ProsaSttStarterMetadataTest
 * fails when an option of the component's JSON is missing here or its default differs.
 */
@ConfigurationProperties(prefix = "camel.component.prosa-stt")
public class ProsaSttComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the prosa-stt component. This is
     * enabled by default.
     */
    private Boolean enabled;
    /**
     * Options shared by every endpoint of this component (e.g. apiKey once for
     * all). The option is a
     * com.camelprosa.component.prosastt.ProsaSttConfiguration type.
     */
    private com.camelprosa.component.prosastt.ProsaSttConfiguration configuration;
    /**
     * Keep filler words (e.g. eh, hmm) in the transcript.
     */
    private Boolean includeFiller = false;
    /**
     * Ask the server for interim (partial) transcripts.
     */
    private Boolean includePartial = false;
    /**
     * The label stored with the job. Default: the file name of the body when there
     * is one.
     */
    private String label;
    /**
     * Whether the producer should be started lazy (on the first message). By
     * starting lazy you can use this to allow CamelContext and routes to startup
     * in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then
     * the startup failure can be handled during routing messages via Camel's
     * routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the
     * total processing time of the processing.
     */
    private Boolean lazyStartProducer = false;
    /**
     * The most sessions this endpoint runs at once; further exchanges wait for a
     * free one, up to streamWaitTimeout. 0 means no limit.
     */
    private Integer maxConcurrentStreams = 0;
    /**
     * What the body becomes: text (the final transcript as a String), transcript
     * (a Transcript with job id, segments and metadata), segments (a List with
     * times), stream (a live TranscriptStream, an Iterator of partials, results
     * and the end, returned as soon as the job is created; for live events in a
     * route prefer the eventUri option), srt or vtt (SubRip or WebVTT subtitles
     * as a String, laid out by the subtitle options; WebVTT names the speakers of
     * channelNames with voice tags).
     */
    private com.camelprosa.component.prosastt.ProsaSttOutputType outputType = com.camelprosa.component.prosastt.ProsaSttOutputType.text;
    /**
     * Send the audio at its own pace (as a live source would) instead of as fast
     * as the server reads it. Needs WAV, or raw audio with sampleRate.
     */
    private Boolean realtime = false;
    /**
     * The websocket URL of the streaming API. Change it only for a proxy or the
     * emulator.
     */
    private String url = "wss://s-api.prosa.ai/v2/speech/stt";
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options
     * (the option must be marked as autowired) by looking up in the registry to
     * find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC
     * data sources, JMS connection factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;
    /**
     * Bytes of audio per websocket frame. The file is streamed in chunks of this
     * size, never loaded whole.
     */
    private Integer chunkSize = 16000;
    /**
     * A streaming client of your own (one bean of type ProsaSttClient in the
     * registry is used by itself). The component borrows it: stopping the
     * component neither closes it nor ends its sessions. Without one, the
     * component makes its own on Camel's thread pools and closes it when it
     * stops. The option is a com.camelprosa.prosastt.client.ProsaSttClient type.
     */
    private com.camelprosa.prosastt.client.ProsaSttClient client;
    /**
     * The longest the whole connect may take (TCP connect, TLS handshake and
     * websocket upgrade), counted from the moment the exchange asked for it, in
     * milliseconds (or a duration such as 10s). Past it the exchange fails with
     * ProsaSttTimeoutException. The option is a long type, given in milliseconds
     * or as a duration such as 10s.
     */
    private String connectTimeout = "10000";
    /**
     * The largest text message accepted from the server, in bytes. A larger one
     * fails the exchange with ProsaSttProtocolException instead of filling the
     * heap.
     */
    private Integer maxMessageSize = 1048576;
    /**
     * The longest stretch without progress (audio accepted by the socket, a new
     * result or partial) while a session is open, in milliseconds (or a duration
     * such as 30s); keep-alives, repeated statuses and pings do not count. The
     * exchange fails with ProsaSttTimeoutException past it. The option is a long
     * type, given in milliseconds or as a duration such as 10s.
     */
    private String responseTimeout = "30000";
    /**
     * The longest wait, from the end of the audio, for the server to confirm the
     * job (status complete or its closing metadata), in milliseconds (or a
     * duration such as 10m). Bounds every session whatever the server sends
     * meanwhile; past it the exchange fails with ProsaSttTimeoutException. Raise
     * it for recordings of over an hour sent faster than real time. The option is
     * a long type, given in milliseconds or as a duration such as 10s.
     */
    private String finalizeTimeout = "600000";
    /**
     * The longest session, in milliseconds (or a duration such as 58m). WAV (16-bit
     * PCM, μ-law, A-law) and raw audio of known length (a file, bytes, a stream
     * cache) that is longer is sent as consecutive sessions, each cut at the
     * quietest 20 ms before the limit, and makes one transcript with times from the
     * start of the whole audio (headers CamelProsaSttJobIds and CamelProsaSttParts).
     * A redelivery of the same exchange resumes at the first part not confirmed.
     * The default is just under the real service's maximum of one hour; a server
     * whose metadata announces a lower max_duration is cut at its figure from then
     * on. 0 sends all audio as one session: audio longer than the server allows then
     * fails with ProsaSttMaxDurationException. The option is a long type, given in
     * milliseconds or as a duration such as 58m.
     */
    private String maxSessionDuration = "3480000";
    /**
     * Send each channel of multi-channel audio (a stereo call: agent on one
     * channel, customer on the other) as its own mono session, all at once (each
     * counts against maxConcurrentStreams), and merge the results in time order,
     * each segment with its channel and speaker; the text becomes the dialogue, one
     * line per segment with its speaker. Takes WAV (16-bit PCM, μ-law, A-law) or
     * raw audio with sampleRate and channels, as a file, bytes or a stream cache.
     * One channel's failure fails the exchange and names the channel.
     */
    private Boolean splitChannels = false;
    /**
     * Names of the channels for splitChannels, in order, comma-separated (e.g.
     * agent,customer): each segment's speaker, and the name on its line of the
     * dialogue. Unnamed channels are 'channel N' (from 0).
     */
    private String channelNames;
    /**
     * An endpoint that receives every live event (PARTIAL, RESULT, END) as its
     * own exchange the moment it arrives, in order, while the audio is still being
     * sent: body a TranscriptEvent, headers CamelProsaSttEventType and
     * CamelProsaSttJobId plus the original message's headers. The exchange itself
     * continues with the outputType result once the last event was processed. For
     * live captions without the look-ahead of a streaming split. Not with
     * outputType=stream.
     */
    private String eventUri;
    /**
     * Send the eventUri events, and continue the exchange once the job is
     * confirmed, on the websocket I/O thread where that happens instead of
     * handing them to the component's callback threads: a thread hand-off less,
     * about 0.1 ms sooner each on a 2-core machine. Only for routes that never
     * block (that update memory or hand off to seda:): a step that waits there
     * holds up the reading of other sessions. Failures, timeouts and
     * outputType=stream continue on the callback threads, and so does everything
     * when another library started Tyrus' shared client transport before this
     * component.
     */
    private Boolean continueOnIoThread = false;
    /**
     * How long an exchange may wait for a free session when maxConcurrentStreams
     * is reached, in milliseconds (or a duration such as 1m). Past it the exchange
     * fails with ProsaSttRateLimitedException. The option is a long type, given in
     * milliseconds or as a duration such as 10s.
     */
    private String streamWaitTimeout = "60000";
    /**
     * The format of the audio. auto detects it from the first bytes, then from the
     * file name; when neither tells, the server detects it. Raw formats (s16le,
     * pcm_mulaw, pcm_alaw) need sampleRate.
     */
    private String audioFormat = "auto";
    /**
     * The number of channels of raw audio; 1 when not set.
     */
    private Integer channels;
    /**
     * The sample rate of raw audio in Hz (16000 mono suits the models best).
     */
    private Integer sampleRate;
    /**
     * An HTTP proxy to tunnel the websocket through (CONNECT), as a URI such as
     * http://proxy.example.com:3128.
     */
    private String proxy;
    /**
     * The Prosa API key, from the Prosa Console. Required. Never logged. Set it on
     * the component (camel.component.prosa-stt.api-key) rather than in endpoint
     * URIs.
     */
    private String apiKey;
    /**
     * How the key is sent: header (x-api-key on the websocket upgrade) or message
     * (a first token message, for networks that strip headers).
     */
    private com.camelprosa.prosastt.client.AuthMode authMode = com.camelprosa.prosastt.client.AuthMode.header;
    /**
     * TLS settings (trust store, key store, protocols) for wss:// connections.
     * Without it the JVM's default trust store is used. Host names are always
     * verified. The option is a org.apache.camel.support.jsse.SSLContextParameters
     * type.
     */
    private org.apache.camel.support.jsse.SSLContextParameters sslContextParameters;
    /**
     * Use the CamelContext's global SSL context parameters when the endpoint sets
     * none.
     */
    private Boolean useGlobalSslContextParameters = false;
    /**
     * For outputType=srt and vtt: the longest a subtitle cue is shown, in
     * milliseconds (or a duration such as 5s). A longer segment is split into
     * several cues at word boundaries, its time shared between them by
     * characters. The option is a long type, given in milliseconds or as a
     * duration such as 10s.
     */
    private String subtitleMaxCueDuration = "7000";
    /**
     * For outputType=srt and vtt: the most characters on a subtitle line; lines
     * are wrapped at spaces (a single longer word stays whole).
     */
    private Integer subtitleMaxLineLength = 42;
    /**
     * For outputType=srt and vtt: the most lines in a subtitle cue; a segment
     * that needs more is split into several cues.
     */
    private Integer subtitleMaxLines = 2;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public com.camelprosa.component.prosastt.ProsaSttConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(com.camelprosa.component.prosastt.ProsaSttConfiguration configuration) {
        this.configuration = configuration;
    }

    public Boolean getIncludeFiller() {
        return includeFiller;
    }

    public void setIncludeFiller(Boolean includeFiller) {
        this.includeFiller = includeFiller;
    }

    public Boolean getIncludePartial() {
        return includePartial;
    }

    public void setIncludePartial(Boolean includePartial) {
        this.includePartial = includePartial;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Integer getMaxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    public void setMaxConcurrentStreams(Integer maxConcurrentStreams) {
        this.maxConcurrentStreams = maxConcurrentStreams;
    }

    public com.camelprosa.component.prosastt.ProsaSttOutputType getOutputType() {
        return outputType;
    }

    public void setOutputType(com.camelprosa.component.prosastt.ProsaSttOutputType outputType) {
        this.outputType = outputType;
    }

    public Boolean getRealtime() {
        return realtime;
    }

    public void setRealtime(Boolean realtime) {
        this.realtime = realtime;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Integer getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(Integer chunkSize) {
        this.chunkSize = chunkSize;
    }

    public String getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(String connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Integer getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(Integer maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public String getFinalizeTimeout() {
        return finalizeTimeout;
    }

    public void setFinalizeTimeout(String finalizeTimeout) {
        this.finalizeTimeout = finalizeTimeout;
    }

    public Boolean getSplitChannels() {
        return splitChannels;
    }

    public void setSplitChannels(Boolean splitChannels) {
        this.splitChannels = splitChannels;
    }

    public String getChannelNames() {
        return channelNames;
    }

    public void setChannelNames(String channelNames) {
        this.channelNames = channelNames;
    }

    public String getMaxSessionDuration() {
        return maxSessionDuration;
    }

    public void setMaxSessionDuration(String maxSessionDuration) {
        this.maxSessionDuration = maxSessionDuration;
    }

    public String getEventUri() {
        return eventUri;
    }

    public void setEventUri(String eventUri) {
        this.eventUri = eventUri;
    }

    public Boolean getContinueOnIoThread() {
        return continueOnIoThread;
    }

    public void setContinueOnIoThread(Boolean continueOnIoThread) {
        this.continueOnIoThread = continueOnIoThread;
    }

    public String getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(String responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public String getStreamWaitTimeout() {
        return streamWaitTimeout;
    }

    public void setStreamWaitTimeout(String streamWaitTimeout) {
        this.streamWaitTimeout = streamWaitTimeout;
    }

    public String getAudioFormat() {
        return audioFormat;
    }

    public void setAudioFormat(String audioFormat) {
        this.audioFormat = audioFormat;
    }

    public Integer getChannels() {
        return channels;
    }

    public void setChannels(Integer channels) {
        this.channels = channels;
    }

    public Integer getSampleRate() {
        return sampleRate;
    }

    public void setSampleRate(Integer sampleRate) {
        this.sampleRate = sampleRate;
    }

    public String getProxy() {
        return proxy;
    }

    public void setProxy(String proxy) {
        this.proxy = proxy;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public com.camelprosa.prosastt.client.AuthMode getAuthMode() {
        return authMode;
    }

    public void setAuthMode(com.camelprosa.prosastt.client.AuthMode authMode) {
        this.authMode = authMode;
    }

    public com.camelprosa.prosastt.client.ProsaSttClient getClient() {
        return client;
    }

    public void setClient(com.camelprosa.prosastt.client.ProsaSttClient client) {
        this.client = client;
    }

    public org.apache.camel.support.jsse.SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public String getSubtitleMaxCueDuration() {
        return subtitleMaxCueDuration;
    }

    public void setSubtitleMaxCueDuration(String subtitleMaxCueDuration) {
        this.subtitleMaxCueDuration = subtitleMaxCueDuration;
    }

    public Integer getSubtitleMaxLineLength() {
        return subtitleMaxLineLength;
    }

    public void setSubtitleMaxLineLength(Integer subtitleMaxLineLength) {
        this.subtitleMaxLineLength = subtitleMaxLineLength;
    }

    public Integer getSubtitleMaxLines() {
        return subtitleMaxLines;
    }

    public void setSubtitleMaxLines(Integer subtitleMaxLines) {
        this.subtitleMaxLines = subtitleMaxLines;
    }
}
