package com.camelprosa.component.prosastt;

import com.camelprosa.prosastt.client.AuthMode;
import com.camelprosa.prosastt.client.StreamRequest;
import com.camelprosa.prosastt.client.Subtitles;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;

/** The options of a prosa-stt endpoint; set once on the component, they are defaults for every endpoint. */
@UriParams
public class ProsaSttConfiguration implements Cloneable {

    /** Default for {@code streamWaitTimeout}, in milliseconds (the client's defaults are {@link StreamRequest}'s). */
    public static final long DEFAULT_STREAM_WAIT_TIMEOUT = 60_000;

    @UriPath(description = "The Prosa speech-to-text model. A short name without the stt- prefix is expanded to its"
                           + " streaming model: general becomes stt-general-online. Any name starting with stt- is"
                           + " used as it is.")
    @Metadata(required = true)
    private String model;

    @UriParam(defaultValue = StreamRequest.DEFAULT_URL,
              description = "The websocket URL of the streaming API. Change it only for a proxy or the emulator.")
    private String url = StreamRequest.DEFAULT_URL;

    @UriParam(label = "security", secret = true,
              description = "The Prosa API key, from the Prosa Console. Required. Never logged. Set it on the"
                            + " component (camel.component.prosa-stt.api-key) rather than in endpoint URIs.")
    @Metadata(required = true)
    private String apiKey;

    @UriParam(label = "security", defaultValue = "header",
              description = "How the key is sent: header (x-api-key on the websocket upgrade) or message (a first"
                            + " token message, for networks that strip headers).")
    private AuthMode authMode = AuthMode.header;

    @UriParam(description = "The label stored with the job. Default: the file name of the body when there is one.")
    private String label;

    @UriParam(defaultValue = "false", description = "Ask the server for interim (partial) transcripts.")
    private boolean includePartial;

    @UriParam(defaultValue = "true",
              description = "Leave out of the live events (eventUri, outputType=stream) a PARTIAL whose text is the same"
                            + " as the one before it: the server repeats its hypothesis while it listens. Only with"
                            + " includePartial.")
    private boolean dropRepeatedPartials = true;

    @UriParam(defaultValue = "false", description = "Keep filler words (e.g. eh, hmm) in the transcript.")
    private boolean includeFiller;

    @UriParam(label = "audio", defaultValue = StreamRequest.DEFAULT_AUDIO_FORMAT,
              enums = "auto,wav,mp3,flac,opus,webm,s16le,pcm_mulaw,pcm_alaw",
              description = "The format of the audio. auto detects it from the first bytes, then from the file name;"
                            + " when neither tells, the server detects it. Raw formats (s16le, pcm_mulaw, pcm_alaw)"
                            + " need sampleRate.")
    private String audioFormat = StreamRequest.DEFAULT_AUDIO_FORMAT;

    @UriParam(label = "audio", description = "The sample rate of raw audio in Hz (16000 mono suits the models best).")
    private Integer sampleRate;

    @UriParam(label = "audio", description = "The number of channels of raw audio; 1 when not set.")
    private Integer channels;

    @UriParam(label = "advanced", defaultValue = "" + StreamRequest.DEFAULT_CHUNK_SIZE,
              description = "Bytes of audio per websocket frame. The file is streamed in chunks of this size, never"
                            + " loaded whole.")
    private int chunkSize = StreamRequest.DEFAULT_CHUNK_SIZE;

    @UriParam(label = "advanced", defaultValue = "" + StreamRequest.DEFAULT_CONNECT_TIMEOUT, javaType = "java.time.Duration",
              description = "The longest the whole connect may take (TCP connect, TLS handshake and websocket"
                            + " upgrade), counted from the moment the exchange asked for it, in milliseconds (or a"
                            + " duration such as 10s). Past it the exchange fails with ProsaSttTimeoutException.")
    private long connectTimeout = StreamRequest.DEFAULT_CONNECT_TIMEOUT;

    @UriParam(label = "advanced", defaultValue = "" + StreamRequest.DEFAULT_RESPONSE_TIMEOUT, javaType = "java.time.Duration",
              description = "The longest stretch without progress (audio accepted by the socket, a new result or"
                            + " partial) while a session is open, in milliseconds (or a duration such as 30s); keep-alives,"
                            + " repeated statuses and pings do not count. The exchange fails with ProsaSttTimeoutException"
                            + " past it.")
    private long responseTimeout = StreamRequest.DEFAULT_RESPONSE_TIMEOUT;

    @UriParam(label = "advanced", defaultValue = "" + StreamRequest.DEFAULT_FINALIZE_TIMEOUT, javaType = "java.time.Duration",
              description = "The longest wait, from the end of the audio, for the server to confirm the job (status"
                            + " complete or its closing metadata), in milliseconds (or a duration such as 10m). Bounds"
                            + " every session whatever the server sends meanwhile; past it the exchange fails with"
                            + " ProsaSttTimeoutException. Raise it for recordings of over an hour sent faster than real"
                            + " time.")
    private long finalizeTimeout = StreamRequest.DEFAULT_FINALIZE_TIMEOUT;

    @UriParam(label = "audio", defaultValue = "false",
              description = "Send each channel of multi-channel audio (a stereo call: agent on one channel, customer on"
                            + " the other) as its own mono session, all at once (each counts against"
                            + " maxConcurrentStreams), and merge the results in time order, each segment with its channel"
                            + " and speaker; the text becomes the dialogue, one line per segment with its speaker. Takes"
                            + " WAV (16-bit PCM, μ-law, A-law) or raw audio with sampleRate and channels, as a file, bytes"
                            + " or a stream cache. One channel's failure fails the exchange and names the channel.")
    private boolean splitChannels;

    @UriParam(label = "audio",
              description = "Names of the channels for splitChannels, in order, comma-separated (e.g. agent,customer):"
                            + " each segment's speaker, and the name on its line of the dialogue. Unnamed channels are"
                            + " 'channel N' (from 0).")
    private String channelNames;

    @UriParam(defaultValue = "" + StreamRequest.DEFAULT_MAX_SESSION_DURATION, javaType = "java.time.Duration",
              description = "The longest session, in milliseconds (or a duration such as 58m). WAV (16-bit PCM, μ-law,"
                            + " A-law) and raw audio of known length (a file, bytes, a stream cache) that is longer is sent"
                            + " as consecutive sessions, each cut at the quietest 20 ms before the limit, and makes one"
                            + " transcript with times from the start of the whole audio (headers CamelProsaSttJobIds and"
                            + " CamelProsaSttParts). A redelivery of the same exchange resumes at the first part not"
                            + " confirmed. The default is just under the real service's maximum of one hour; a server"
                            + " whose metadata announces a lower max_duration is cut at its figure from then on. 0 sends"
                            + " all audio as one session: audio longer than the server allows then fails with"
                            + " ProsaSttMaxDurationException.")
    private long maxSessionDuration = StreamRequest.DEFAULT_MAX_SESSION_DURATION;

    @UriParam(label = "advanced",
              description = "An endpoint that receives every live event (PARTIAL, RESULT, END) as its own exchange the"
                            + " moment it arrives, in order, while the audio is still being sent: body a"
                            + " TranscriptEvent, headers CamelProsaSttEventType and CamelProsaSttJobId plus the"
                            + " original message's headers. The exchange itself continues with the outputType result"
                            + " once the last event was processed. For live captions without the look-ahead of a"
                            + " streaming split. Not with outputType=stream.")
    private String eventUri;

    @UriParam(label = "advanced", defaultValue = "false",
              description = "Send the eventUri events, and continue the exchange once the job is confirmed, on the"
                            + " websocket I/O thread where that happens instead of handing them to the component's"
                            + " callback threads: a thread hand-off less, about 0.1 ms sooner each on a 2-core machine."
                            + " Only for routes that never block (that update memory or hand off to seda:): a step that"
                            + " waits there holds up the reading of other sessions. Failures, timeouts and"
                            + " outputType=stream continue on the callback threads, and so does everything when another"
                            + " library started Tyrus' shared client transport before this component.")
    private boolean continueOnIoThread;

    @UriParam(label = "advanced", defaultValue = "false",
              description = "Continue the exchange on the thread that sent it, once the session has ended, instead of on"
                            + " the component's callback threads; that thread waits meanwhile (within the session's own"
                            + " bounds). A transacted exchange (after transacted(), or from a consumer that transacts itself, such as jms: with transacted=true) always"
                            + " does this, so the rest of the route runs inside its transaction: set it only for other"
                            + " thread-bound resources.")
    private boolean synchronous;

    @UriParam(defaultValue = "false",
              description = "Send the audio at its own pace (as a live source would) instead of as fast as the server"
                            + " reads it. Needs WAV, or raw audio with sampleRate.")
    private boolean realtime;

    @UriParam(defaultValue = "0",
              description = "The most sessions this endpoint runs at once; further exchanges wait for a free one, up"
                            + " to streamWaitTimeout. 0 means no limit.")
    private int maxConcurrentStreams;

    @UriParam(label = "advanced", defaultValue = "" + DEFAULT_STREAM_WAIT_TIMEOUT, javaType = "java.time.Duration",
              description = "How long an exchange may wait for a free session when maxConcurrentStreams is reached, in"
                            + " milliseconds (or a duration such as 1m). Past it the exchange fails with"
                            + " ProsaSttRateLimitedException.")
    private long streamWaitTimeout = DEFAULT_STREAM_WAIT_TIMEOUT;

    @UriParam(label = "advanced", defaultValue = "" + StreamRequest.DEFAULT_MAX_MESSAGE_SIZE,
              description = "The largest text message accepted from the server, in bytes. A larger one fails the"
                            + " exchange with ProsaSttProtocolException instead of filling the heap.")
    private int maxMessageSize = StreamRequest.DEFAULT_MAX_MESSAGE_SIZE;

    @UriParam(label = "security",
              description = "TLS settings (trust store, key store, protocols) for wss:// connections. Without it the"
                            + " JVM's default trust store is used. Host names are always verified.")
    private SSLContextParameters sslContextParameters;

    @UriParam(label = "proxy",
              description = "An HTTP proxy to tunnel the websocket through (CONNECT), as a URI such as"
                            + " http://proxy.example.com:3128.")
    private String proxy;

    @UriParam(defaultValue = "text",
              description = "What the body becomes: text (the final transcript as a String), transcript (a Transcript"
                            + " with job id, segments and metadata), segments (a List<Segment> with times), stream"
                            + " (a live TranscriptStream, an Iterator<TranscriptEvent> of partials, results and the"
                            + " end, returned as soon as the job is created; for live events in a route prefer the"
                            + " eventUri option), srt or vtt (SubRip or WebVTT subtitles as a String, laid out by the"
                            + " subtitle options; WebVTT names the speakers of channelNames with voice tags).")
    private ProsaSttOutputType outputType = ProsaSttOutputType.text;

    @UriParam(label = "subtitles", defaultValue = "" + Subtitles.DEFAULT_MAX_CUE_DURATION, javaType = "java.time.Duration",
              description = "For outputType=srt and vtt: the longest a subtitle cue is shown, in milliseconds (or a"
                            + " duration such as 5s). A longer segment is split into several cues at word boundaries,"
                            + " its time shared between them by characters.")
    private long subtitleMaxCueDuration = Subtitles.DEFAULT_MAX_CUE_DURATION;

    @UriParam(label = "subtitles", defaultValue = "" + Subtitles.DEFAULT_MAX_LINE_LENGTH,
              description = "For outputType=srt and vtt: the most characters on a subtitle line; lines are wrapped at"
                            + " spaces (a single longer word stays whole).")
    private int subtitleMaxLineLength = Subtitles.DEFAULT_MAX_LINE_LENGTH;

    @UriParam(label = "subtitles", defaultValue = "" + Subtitles.DEFAULT_MAX_LINES,
              description = "For outputType=srt and vtt: the most lines in a subtitle cue; a segment that needs more is"
                            + " split into several cues.")
    private int subtitleMaxLines = Subtitles.DEFAULT_MAX_LINES;

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public AuthMode getAuthMode() {
        return authMode;
    }

    public void setAuthMode(AuthMode authMode) {
        this.authMode = authMode;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public boolean isIncludePartial() {
        return includePartial;
    }

    public void setIncludePartial(boolean includePartial) {
        this.includePartial = includePartial;
    }

    public boolean isIncludeFiller() {
        return includeFiller;
    }

    public void setIncludeFiller(boolean includeFiller) {
        this.includeFiller = includeFiller;
    }

    public String getAudioFormat() {
        return audioFormat;
    }

    public void setAudioFormat(String audioFormat) {
        this.audioFormat = audioFormat;
    }

    public Integer getSampleRate() {
        return sampleRate;
    }

    public void setSampleRate(Integer sampleRate) {
        this.sampleRate = sampleRate;
    }

    public Integer getChannels() {
        return channels;
    }

    public void setChannels(Integer channels) {
        this.channels = channels;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public boolean isRealtime() {
        return realtime;
    }

    public void setRealtime(boolean realtime) {
        this.realtime = realtime;
    }

    public int getMaxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    public void setMaxConcurrentStreams(int maxConcurrentStreams) {
        this.maxConcurrentStreams = maxConcurrentStreams;
    }

    public long getStreamWaitTimeout() {
        return streamWaitTimeout;
    }

    public void setStreamWaitTimeout(long streamWaitTimeout) {
        this.streamWaitTimeout = streamWaitTimeout;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getProxy() {
        return proxy;
    }

    public void setProxy(String proxy) {
        this.proxy = proxy;
    }

    public boolean isSplitChannels() {
        return splitChannels;
    }

    public void setSplitChannels(boolean splitChannels) {
        this.splitChannels = splitChannels;
    }

    public String getChannelNames() {
        return channelNames;
    }

    public void setChannelNames(String channelNames) {
        this.channelNames = channelNames;
    }

    public long getMaxSessionDuration() {
        return maxSessionDuration;
    }

    public void setMaxSessionDuration(long maxSessionDuration) {
        this.maxSessionDuration = maxSessionDuration;
    }

    public long getFinalizeTimeout() {
        return finalizeTimeout;
    }

    public void setFinalizeTimeout(long finalizeTimeout) {
        this.finalizeTimeout = finalizeTimeout;
    }

    public String getEventUri() {
        return eventUri;
    }

    public void setEventUri(String eventUri) {
        this.eventUri = eventUri;
    }

    public boolean isDropRepeatedPartials() {
        return dropRepeatedPartials;
    }

    public void setDropRepeatedPartials(boolean dropRepeatedPartials) {
        this.dropRepeatedPartials = dropRepeatedPartials;
    }

    public boolean isSynchronous() {
        return synchronous;
    }

    public void setSynchronous(boolean synchronous) {
        this.synchronous = synchronous;
    }

    public boolean isContinueOnIoThread() {
        return continueOnIoThread;
    }

    public void setContinueOnIoThread(boolean continueOnIoThread) {
        this.continueOnIoThread = continueOnIoThread;
    }

    public ProsaSttOutputType getOutputType() {
        return outputType;
    }

    public void setOutputType(ProsaSttOutputType outputType) {
        this.outputType = outputType;
    }

    public long getSubtitleMaxCueDuration() {
        return subtitleMaxCueDuration;
    }

    public void setSubtitleMaxCueDuration(long subtitleMaxCueDuration) {
        this.subtitleMaxCueDuration = subtitleMaxCueDuration;
    }

    public int getSubtitleMaxLineLength() {
        return subtitleMaxLineLength;
    }

    public void setSubtitleMaxLineLength(int subtitleMaxLineLength) {
        this.subtitleMaxLineLength = subtitleMaxLineLength;
    }

    public int getSubtitleMaxLines() {
        return subtitleMaxLines;
    }

    public void setSubtitleMaxLines(int subtitleMaxLines) {
        this.subtitleMaxLines = subtitleMaxLines;
    }

    public ProsaSttConfiguration copy() {
        try {
            return (ProsaSttConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The streaming model for a user's name: {@code general} becomes {@code stt-general-online}. */
    static String expandModel(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String trimmed = name.trim();
        return trimmed.startsWith("stt-") ? trimmed : "stt-" + trimmed + "-online";
    }

    @Override
    public String toString() {
        return "ProsaSttConfiguration[model=" + model + ", url=" + url + ", authMode=" + authMode + ", outputType="
               + outputType + ", apiKey=" + (apiKey == null ? "null" : "xxxxxx") + "]";
    }
}
