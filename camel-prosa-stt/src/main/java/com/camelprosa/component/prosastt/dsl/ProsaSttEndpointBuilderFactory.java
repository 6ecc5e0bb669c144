package com.camelprosa.component.prosastt.dsl;

import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.endpoint.AbstractEndpointBuilder;

/**
 * Transcribes the message body (audio) with the Prosa.ai streaming speech-to-text API.
 * <p>
 * The Java Endpoint DSL builder for prosa-stt, in the shape Camel's EndpointDslMojo generates for its own components
 * (that generator only runs inside Apache's tree): {@code to(prosaStt("general").apiKey("...").outputType("stream"))}
 * in a route that implements {@link ProsaSttBuilders} (an {@code EndpointRouteBuilder} or any {@code RouteBuilder}).
 * Needs {@code org.apache.camel:camel-endpointdsl} on the classpath. EndpointDslTest fails when an option or header of
 * prosa-stt.json has no method here, or a method here has no option.
 */
public interface ProsaSttEndpointBuilderFactory {

    /**
     * Builder for endpoint for the Prosa.ai Speech-to-Text component.
     */
    public interface ProsaSttEndpointBuilder extends EndpointProducerBuilder {
        default AdvancedProsaSttEndpointBuilder advanced() {
            return (AdvancedProsaSttEndpointBuilder) this;
        }
        /**
         * Keep filler words (e.g. eh, hmm) in the transcript.
         * 
         * The option is a: &lt;code&gt;boolean&lt;/code&gt; type.
         * 
         * Default: false
         * Group: producer
         * 
         * @param includeFiller the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder includeFiller(boolean includeFiller) {
            doSetProperty("includeFiller", includeFiller);
            return this;
        }
        /**
         * Keep filler words (e.g. eh, hmm) in the transcript.
         * 
         * The option will be converted to a &lt;code&gt;boolean&lt;/code&gt;
         * type.
         * 
         * Default: false
         * Group: producer
         * 
         * @param includeFiller the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder includeFiller(String includeFiller) {
            doSetProperty("includeFiller", includeFiller);
            return this;
        }
        /**
         * Ask the server for interim (partial) transcripts.
         * 
         * The option is a: &lt;code&gt;boolean&lt;/code&gt; type.
         * 
         * Default: false
         * Group: producer
         * 
         * @param includePartial the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder includePartial(boolean includePartial) {
            doSetProperty("includePartial", includePartial);
            return this;
        }
        /**
         * Ask the server for interim (partial) transcripts.
         * 
         * The option will be converted to a &lt;code&gt;boolean&lt;/code&gt;
         * type.
         * 
         * Default: false
         * Group: producer
         * 
         * @param includePartial the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder includePartial(String includePartial) {
            doSetProperty("includePartial", includePartial);
            return this;
        }
        /**
         * The label stored with the job. Default: the file name of the body
         * when there is one.
         * 
         * The option is a: &lt;code&gt;java.lang.String&lt;/code&gt; type.
         * 
         * Group: producer
         * 
         * @param label the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder label(String label) {
            doSetProperty("label", label);
            return this;
        }
        /**
         * The most sessions this endpoint runs at once; further exchanges wait
         * for a free one, up to streamWaitTimeout. 0 means no limit.
         * 
         * The option is a: &lt;code&gt;int&lt;/code&gt; type.
         * 
         * Default: 0
         * Group: producer
         * 
         * @param maxConcurrentStreams the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder maxConcurrentStreams(int maxConcurrentStreams) {
            doSetProperty("maxConcurrentStreams", maxConcurrentStreams);
            return this;
        }
        /**
         * The most sessions this endpoint runs at once; further exchanges wait
         * for a free one, up to streamWaitTimeout. 0 means no limit.
         * 
         * The option will be converted to a &lt;code&gt;int&lt;/code&gt; type.
         * 
         * Default: 0
         * Group: producer
         * 
         * @param maxConcurrentStreams the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder maxConcurrentStreams(String maxConcurrentStreams) {
            doSetProperty("maxConcurrentStreams", maxConcurrentStreams);
            return this;
        }
        /**
         * The longest session, in milliseconds (or a duration such as 58m). WAV
         * (16-bit PCM, μ-law, A-law) and raw audio of known length (a file,
         * bytes, a stream cache) that is longer is sent as consecutive sessions,
         * each cut at the quietest 20 ms before the limit, and makes one
         * transcript with times from the start of the whole audio (headers
         * CamelProsaSttJobIds and CamelProsaSttParts). A redelivery of the same
         * exchange resumes at the first part not confirmed. The default is just
         * under the real service's maximum of one hour; a server whose metadata
         * announces a lower max_duration is cut at its figure from then on. 0
         * sends all audio as one session: audio longer than the server allows
         * then fails with ProsaSttMaxDurationException.
         * 
         * The option is a: &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 3480000
         * Group: producer
         * 
         * @param maxSessionDuration the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder maxSessionDuration(long maxSessionDuration) {
            doSetProperty("maxSessionDuration", maxSessionDuration);
            return this;
        }
        /**
         * The longest session, in milliseconds (or a duration such as 58m). WAV
         * (16-bit PCM, μ-law, A-law) and raw audio of known length (a file,
         * bytes, a stream cache) that is longer is sent as consecutive sessions,
         * each cut at the quietest 20 ms before the limit, and makes one
         * transcript with times from the start of the whole audio (headers
         * CamelProsaSttJobIds and CamelProsaSttParts). A redelivery of the same
         * exchange resumes at the first part not confirmed. The default is just
         * under the real service's maximum of one hour; a server whose metadata
         * announces a lower max_duration is cut at its figure from then on. 0
         * sends all audio as one session: audio longer than the server allows
         * then fails with ProsaSttMaxDurationException.
         * 
         * The option will be converted to a &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 3480000
         * Group: producer
         * 
         * @param maxSessionDuration the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder maxSessionDuration(String maxSessionDuration) {
            doSetProperty("maxSessionDuration", maxSessionDuration);
            return this;
        }
        /**
         * What the body becomes: text (the final transcript as a String),
         * transcript (a Transcript with job id, segments and metadata),
         * segments (a List with times) or stream (a live TranscriptStream, an
         * Iterator of partials, results and the end, returned as soon as the
         * job is created; for live events in a route prefer the eventUri
         * option).
         * 
         * The option is a: &lt;code&gt;com.camelprosa.component.prosastt.ProsaS
         * ttOutputType&lt;/code&gt; type.
         * 
         * Default: text
         * Group: producer
         * 
         * @param outputType the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder outputType(com.camelprosa.component.prosastt.ProsaSttOutputType outputType) {
            doSetProperty("outputType", outputType);
            return this;
        }
        /**
         * What the body becomes: text (the final transcript as a String),
         * transcript (a Transcript with job id, segments and metadata),
         * segments (a List with times) or stream (a live TranscriptStream, an
         * Iterator of partials, results and the end, returned as soon as the
         * job is created; for live events in a route prefer the eventUri
         * option).
         * 
         * The option will be converted to a &lt;code&gt;com.camelprosa.componen
         * t.prosastt.ProsaSttOutputType&lt;/code&gt; type.
         * 
         * Default: text
         * Group: producer
         * 
         * @param outputType the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder outputType(String outputType) {
            doSetProperty("outputType", outputType);
            return this;
        }
        /**
         * Send the audio at its own pace (as a live source would) instead of as
         * fast as the server reads it. Needs WAV, or raw audio with sampleRate.
         * 
         * The option is a: &lt;code&gt;boolean&lt;/code&gt; type.
         * 
         * Default: false
         * Group: producer
         * 
         * @param realtime the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder realtime(boolean realtime) {
            doSetProperty("realtime", realtime);
            return this;
        }
        /**
         * Send the audio at its own pace (as a live source would) instead of as
         * fast as the server reads it. Needs WAV, or raw audio with sampleRate.
         * 
         * The option will be converted to a &lt;code&gt;boolean&lt;/code&gt;
         * type.
         * 
         * Default: false
         * Group: producer
         * 
         * @param realtime the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder realtime(String realtime) {
            doSetProperty("realtime", realtime);
            return this;
        }
        /**
         * The websocket URL of the streaming API. Change it only for a proxy or
         * the emulator.
         * 
         * The option is a: &lt;code&gt;java.lang.String&lt;/code&gt; type.
         * 
         * Default: wss://s-api.prosa.ai/v2/speech/stt
         * Group: producer
         * 
         * @param url the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder url(String url) {
            doSetProperty("url", url);
            return this;
        }
        /**
         * The format of the audio. auto detects it from the first bytes, then
         * from the file name; when neither tells, the server detects it. Raw
         * formats (s16le, pcm_mulaw, pcm_alaw) need sampleRate.
         * 
         * The option is a: &lt;code&gt;java.lang.String&lt;/code&gt; type.
         * 
         * Default: auto
         * Group: audio
         * 
         * @param audioFormat the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder audioFormat(String audioFormat) {
            doSetProperty("audioFormat", audioFormat);
            return this;
        }
        /**
         * The number of channels of raw audio; 1 when not set.
         * 
         * The option is a: &lt;code&gt;java.lang.Integer&lt;/code&gt; type.
         * 
         * Group: audio
         * 
         * @param channels the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder channels(java.lang.Integer channels) {
            doSetProperty("channels", channels);
            return this;
        }
        /**
         * The number of channels of raw audio; 1 when not set.
         * 
         * The option will be converted to a
         * &lt;code&gt;java.lang.Integer&lt;/code&gt; type.
         * 
         * Group: audio
         * 
         * @param channels the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder channels(String channels) {
            doSetProperty("channels", channels);
            return this;
        }
        /**
         * The sample rate of raw audio in Hz (16000 mono suits the models
         * best).
         * 
         * The option is a: &lt;code&gt;java.lang.Integer&lt;/code&gt; type.
         * 
         * Group: audio
         * 
         * @param sampleRate the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder sampleRate(java.lang.Integer sampleRate) {
            doSetProperty("sampleRate", sampleRate);
            return this;
        }
        /**
         * The sample rate of raw audio in Hz (16000 mono suits the models
         * best).
         * 
         * The option will be converted to a
         * &lt;code&gt;java.lang.Integer&lt;/code&gt; type.
         * 
         * Group: audio
         * 
         * @param sampleRate the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder sampleRate(String sampleRate) {
            doSetProperty("sampleRate", sampleRate);
            return this;
        }
        /**
         * Names of the channels for splitChannels, in order, comma-separated
         * (e.g. agent,customer): each segment's speaker, and the name on its
         * line of the dialogue. Unnamed channels are 'channel N' (from 0).
         * 
         * The option is a: &lt;code&gt;String&lt;/code&gt; type.
         * 
         * Group: audio
         * 
         * @param channelNames the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder channelNames(String channelNames) {
            doSetProperty("channelNames", channelNames);
            return this;
        }
        /**
         * Send each channel of multi-channel audio (a stereo call: agent on one
         * channel, customer on the other) as its own mono session, all at once
         * (each counts against maxConcurrentStreams), and merge the results in
         * time order, each segment with its channel and speaker; the text
         * becomes the dialogue, one line per segment with its speaker. Takes WAV
         * (16-bit PCM, μ-law, A-law) or raw audio with sampleRate and channels,
         * as a file, bytes or a stream cache. One channel's failure fails the
         * exchange and names the channel.
         * 
         * The option is a: &lt;code&gt;boolean&lt;/code&gt; type.
         * 
         * Default: false
         * Group: audio
         * 
         * @param splitChannels the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder splitChannels(boolean splitChannels) {
            doSetProperty("splitChannels", splitChannels);
            return this;
        }
        /**
         * Send each channel of multi-channel audio (a stereo call: agent on one
         * channel, customer on the other) as its own mono session, all at once
         * (each counts against maxConcurrentStreams), and merge the results in
         * time order, each segment with its channel and speaker; the text
         * becomes the dialogue, one line per segment with its speaker. Takes WAV
         * (16-bit PCM, μ-law, A-law) or raw audio with sampleRate and channels,
         * as a file, bytes or a stream cache. One channel's failure fails the
         * exchange and names the channel.
         * 
         * The option will be converted to a &lt;code&gt;boolean&lt;/code&gt; type.
         * 
         * Default: false
         * Group: audio
         * 
         * @param splitChannels the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder splitChannels(String splitChannels) {
            doSetProperty("splitChannels", splitChannels);
            return this;
        }
        /**
         * An HTTP proxy to tunnel the websocket through (CONNECT), as a URI
         * such as http://proxy.example.com:3128.
         * 
         * The option is a: &lt;code&gt;java.lang.String&lt;/code&gt; type.
         * 
         * Group: proxy
         * 
         * @param proxy the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder proxy(String proxy) {
            doSetProperty("proxy", proxy);
            return this;
        }
        /**
         * The Prosa API key, from the Prosa Console. Required. Never logged.
         * Set it on the component (camel.component.prosa-stt.api-key) rather
         * than in endpoint URIs.
         * 
         * The option is a: &lt;code&gt;java.lang.String&lt;/code&gt; type.
         * 
         * Required: true
         * Group: security
         * 
         * @param apiKey the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder apiKey(String apiKey) {
            doSetProperty("apiKey", apiKey);
            return this;
        }
        /**
         * How the key is sent: header (x-api-key on the websocket upgrade) or
         * message (a first token message, for networks that strip headers).
         * 
         * The option is a: &lt;code&gt;com.camelprosa.prosastt.client
         * .AuthMode&lt;/code&gt; type.
         * 
         * Default: header
         * Group: security
         * 
         * @param authMode the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder authMode(com.camelprosa.prosastt.client.AuthMode authMode) {
            doSetProperty("authMode", authMode);
            return this;
        }
        /**
         * How the key is sent: header (x-api-key on the websocket upgrade) or
         * message (a first token message, for networks that strip headers).
         * 
         * The option will be converted to a &lt;code&gt;com.camelprosa.componen
         * t.prosastt.client.AuthMode&lt;/code&gt; type.
         * 
         * Default: header
         * Group: security
         * 
         * @param authMode the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder authMode(String authMode) {
            doSetProperty("authMode", authMode);
            return this;
        }
        /**
         * TLS settings (trust store, key store, protocols) for wss://
         * connections. Without it the JVM's default trust store is used. Host
         * names are always verified.
         * 
         * The option is a: &lt;code&gt;org.apache.camel.support.jsse.SSLContext
         * Parameters&lt;/code&gt; type.
         * 
         * Group: security
         * 
         * @param sslContextParameters the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder sslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
            doSetProperty("sslContextParameters", sslContextParameters);
            return this;
        }
        /**
         * TLS settings (trust store, key store, protocols) for wss://
         * connections. Without it the JVM's default trust store is used. Host
         * names are always verified.
         * 
         * The option will be converted to a &lt;code&gt;org.apache.camel.suppor
         * t.jsse.SSLContextParameters&lt;/code&gt; type.
         * 
         * Group: security
         * 
         * @param sslContextParameters the value to set
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder sslContextParameters(String sslContextParameters) {
            doSetProperty("sslContextParameters", sslContextParameters);
            return this;
        }
    }

    /**
     * Advanced builder for endpoint for the Prosa.ai Speech-to-Text component.
     */
    public interface AdvancedProsaSttEndpointBuilder extends EndpointProducerBuilder {
        default ProsaSttEndpointBuilder basic() {
            return (ProsaSttEndpointBuilder) this;
        }
        /**
         * Whether the producer should be started lazy (on the first message).
         * By starting lazy you can use this to allow CamelContext and routes to
         * startup in situations where a producer may otherwise fail during
         * starting and cause the route to fail being started. By deferring this
         * startup to be lazy then the startup failure can be handled during
         * routing messages via Camel's routing error handlers. Beware that when
         * the first message is processed then creating and starting the
         * producer may take a little time and prolong the total processing time
         * of the processing.
         * 
         * The option is a: &lt;code&gt;boolean&lt;/code&gt; type.
         * 
         * Default: false
         * Group: producer (advanced) (advanced)
         * 
         * @param lazyStartProducer the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder lazyStartProducer(boolean lazyStartProducer) {
            doSetProperty("lazyStartProducer", lazyStartProducer);
            return this;
        }
        /**
         * Whether the producer should be started lazy (on the first message).
         * By starting lazy you can use this to allow CamelContext and routes to
         * startup in situations where a producer may otherwise fail during
         * starting and cause the route to fail being started. By deferring this
         * startup to be lazy then the startup failure can be handled during
         * routing messages via Camel's routing error handlers. Beware that when
         * the first message is processed then creating and starting the
         * producer may take a little time and prolong the total processing time
         * of the processing.
         * 
         * The option will be converted to a &lt;code&gt;boolean&lt;/code&gt;
         * type.
         * 
         * Default: false
         * Group: producer (advanced) (advanced)
         * 
         * @param lazyStartProducer the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder lazyStartProducer(String lazyStartProducer) {
            doSetProperty("lazyStartProducer", lazyStartProducer);
            return this;
        }
        /**
         * Bytes of audio per websocket frame. The file is streamed in chunks of
         * this size, never loaded whole.
         * 
         * The option is a: &lt;code&gt;int&lt;/code&gt; type.
         * 
         * Default: 16000
         * Group: advanced
         * 
         * @param chunkSize the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder chunkSize(int chunkSize) {
            doSetProperty("chunkSize", chunkSize);
            return this;
        }
        /**
         * Bytes of audio per websocket frame. The file is streamed in chunks of
         * this size, never loaded whole.
         * 
         * The option will be converted to a &lt;code&gt;int&lt;/code&gt; type.
         * 
         * Default: 16000
         * Group: advanced
         * 
         * @param chunkSize the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder chunkSize(String chunkSize) {
            doSetProperty("chunkSize", chunkSize);
            return this;
        }
        /**
         * The longest the whole connect may take (TCP connect, TLS handshake
         * and websocket upgrade), counted from the moment the exchange asked
         * for it, in milliseconds (or a duration such as 10s). Past it the
         * exchange fails with ProsaSttTimeoutException.
         * 
         * The option is a: &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 10000
         * Group: advanced
         * 
         * @param connectTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder connectTimeout(long connectTimeout) {
            doSetProperty("connectTimeout", connectTimeout);
            return this;
        }
        /**
         * The longest the whole connect may take (TCP connect, TLS handshake
         * and websocket upgrade), counted from the moment the exchange asked
         * for it, in milliseconds (or a duration such as 10s). Past it the
         * exchange fails with ProsaSttTimeoutException.
         * 
         * The option will be converted to a &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 10000
         * Group: advanced
         * 
         * @param connectTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder connectTimeout(String connectTimeout) {
            doSetProperty("connectTimeout", connectTimeout);
            return this;
        }
        /**
         * Send the eventUri events, and continue the exchange once the job is
         * confirmed, on the websocket I/O thread where that happens instead of
         * handing them to the component's callback threads: a thread hand-off
         * less, about 0.1 ms sooner each on a 2-core machine. Only for routes
         * that never block (that update memory or hand off to seda:): a step
         * that waits there holds up the reading of other sessions. Failures,
         * timeouts and outputType=stream continue on the callback threads, and
         * so does everything when another library started Tyrus' shared client
         * transport before this component.
         * 
         * The option is a: &lt;code&gt;boolean&lt;/code&gt; type.
         * 
         * Default: false
         * Group: advanced
         * 
         * @param continueOnIoThread the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder continueOnIoThread(boolean continueOnIoThread) {
            doSetProperty("continueOnIoThread", continueOnIoThread);
            return this;
        }
        /**
         * Send the eventUri events, and continue the exchange once the job is
         * confirmed, on the websocket I/O thread where that happens instead of
         * handing them to the component's callback threads: a thread hand-off
         * less, about 0.1 ms sooner each on a 2-core machine. Only for routes
         * that never block (that update memory or hand off to seda:): a step
         * that waits there holds up the reading of other sessions. Failures,
         * timeouts and outputType=stream continue on the callback threads, and
         * so does everything when another library started Tyrus' shared client
         * transport before this component.
         * 
         * The option will be converted to a &lt;code&gt;boolean&lt;/code&gt;
         * type.
         * 
         * Default: false
         * Group: advanced
         * 
         * @param continueOnIoThread the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder continueOnIoThread(String continueOnIoThread) {
            doSetProperty("continueOnIoThread", continueOnIoThread);
            return this;
        }
        /**
         * An endpoint that receives every live event (PARTIAL, RESULT, END) as
         * its own exchange the moment it arrives, in order, while the audio is
         * still being sent: body a TranscriptEvent, headers
         * CamelProsaSttEventType and CamelProsaSttJobId plus the original
         * message's headers. The exchange itself continues with the outputType
         * result once the last event was processed. For live captions without
         * the look-ahead of a streaming split. Not with outputType=stream.
         * 
         * The option is a: &lt;code&gt;java.lang.String&lt;/code&gt; type.
         * 
         * Group: advanced
         * 
         * @param eventUri the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder eventUri(String eventUri) {
            doSetProperty("eventUri", eventUri);
            return this;
        }
        /**
         * The longest wait, from the end of the audio, for the server to
         * confirm the job (status complete or its closing metadata), in
         * milliseconds (or a duration such as 10m). Bounds every session
         * whatever the server sends meanwhile; past it the exchange fails with
         * ProsaSttTimeoutException. Raise it for recordings of over an hour
         * sent faster than real time.
         * 
         * The option is a: &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 600000
         * Group: advanced
         * 
         * @param finalizeTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder finalizeTimeout(long finalizeTimeout) {
            doSetProperty("finalizeTimeout", finalizeTimeout);
            return this;
        }
        /**
         * The longest wait, from the end of the audio, for the server to
         * confirm the job (status complete or its closing metadata), in
         * milliseconds (or a duration such as 10m). Bounds every session
         * whatever the server sends meanwhile; past it the exchange fails with
         * ProsaSttTimeoutException. Raise it for recordings of over an hour
         * sent faster than real time.
         * 
         * The option will be converted to a &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 600000
         * Group: advanced
         * 
         * @param finalizeTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder finalizeTimeout(String finalizeTimeout) {
            doSetProperty("finalizeTimeout", finalizeTimeout);
            return this;
        }
        /**
         * The largest text message accepted from the server, in bytes. A larger
         * one fails the exchange with ProsaSttProtocolException instead of
         * filling the heap.
         * 
         * The option is a: &lt;code&gt;int&lt;/code&gt; type.
         * 
         * Default: 1048576
         * Group: advanced
         * 
         * @param maxMessageSize the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder maxMessageSize(int maxMessageSize) {
            doSetProperty("maxMessageSize", maxMessageSize);
            return this;
        }
        /**
         * The largest text message accepted from the server, in bytes. A larger
         * one fails the exchange with ProsaSttProtocolException instead of
         * filling the heap.
         * 
         * The option will be converted to a &lt;code&gt;int&lt;/code&gt; type.
         * 
         * Default: 1048576
         * Group: advanced
         * 
         * @param maxMessageSize the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder maxMessageSize(String maxMessageSize) {
            doSetProperty("maxMessageSize", maxMessageSize);
            return this;
        }
        /**
         * The longest stretch without progress (audio accepted by the socket, a
         * new result or partial) while a session is open, in milliseconds (or a
         * duration such as 30s); keep-alives, repeated statuses and pings do
         * not count. The exchange fails with ProsaSttTimeoutException past it.
         * 
         * The option is a: &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 30000
         * Group: advanced
         * 
         * @param responseTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder responseTimeout(long responseTimeout) {
            doSetProperty("responseTimeout", responseTimeout);
            return this;
        }
        /**
         * The longest stretch without progress (audio accepted by the socket, a
         * new result or partial) while a session is open, in milliseconds (or a
         * duration such as 30s); keep-alives, repeated statuses and pings do
         * not count. The exchange fails with ProsaSttTimeoutException past it.
         * 
         * The option will be converted to a &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 30000
         * Group: advanced
         * 
         * @param responseTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder responseTimeout(String responseTimeout) {
            doSetProperty("responseTimeout", responseTimeout);
            return this;
        }
        /**
         * How long an exchange may wait for a free session when
         * maxConcurrentStreams is reached, in milliseconds (or a duration such
         * as 1m). Past it the exchange fails with ProsaSttRateLimitedException.
         * 
         * The option is a: &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 60000
         * Group: advanced
         * 
         * @param streamWaitTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder streamWaitTimeout(long streamWaitTimeout) {
            doSetProperty("streamWaitTimeout", streamWaitTimeout);
            return this;
        }
        /**
         * How long an exchange may wait for a free session when
         * maxConcurrentStreams is reached, in milliseconds (or a duration such
         * as 1m). Past it the exchange fails with ProsaSttRateLimitedException.
         * 
         * The option will be converted to a &lt;code&gt;long&lt;/code&gt; type.
         * 
         * Default: 60000
         * Group: advanced
         * 
         * @param streamWaitTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedProsaSttEndpointBuilder streamWaitTimeout(String streamWaitTimeout) {
            doSetProperty("streamWaitTimeout", streamWaitTimeout);
            return this;
        }
    }

    public interface ProsaSttBuilders {
        /**
         * Prosa.ai Speech-to-Text (camel-prosa-stt)
         * Transcribes the message body (audio) with the Prosa.ai streaming
         * speech-to-text API.
         * 
         * Category: ai,cloud
         * Since: 0.1.0
         * Maven coordinates: com.camelprosa:camel-prosa-stt
         * 
         * Syntax: <code>prosa-stt:model</code>
         * 
         * Path parameter: model (required)
         * The Prosa speech-to-text model. A short name without the stt- prefix
         * is expanded to its streaming model: general becomes stt-general-
         * online. Any name starting with stt- is used as it is.
         * 
         * @return the dsl builder for the headers' name.
         */
        default ProsaSttHeaderNameBuilder prosaStt() {
            return ProsaSttHeaderNameBuilder.INSTANCE;
        }
        /**
         * Prosa.ai Speech-to-Text (camel-prosa-stt)
         * Transcribes the message body (audio) with the Prosa.ai streaming
         * speech-to-text API.
         * 
         * Category: ai,cloud
         * Since: 0.1.0
         * Maven coordinates: com.camelprosa:camel-prosa-stt
         * 
         * Syntax: <code>prosa-stt:model</code>
         * 
         * Path parameter: model (required)
         * The Prosa speech-to-text model. A short name without the stt- prefix
         * is expanded to its streaming model: general becomes stt-general-
         * online. Any name starting with stt- is used as it is.
         * 
         * @param path model
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder prosaStt(String path) {
            return ProsaSttEndpointBuilderFactory.endpointBuilder("prosa-stt", path);
        }
        /**
         * Prosa.ai Speech-to-Text (camel-prosa-stt)
         * Transcribes the message body (audio) with the Prosa.ai streaming
         * speech-to-text API.
         * 
         * Category: ai,cloud
         * Since: 0.1.0
         * Maven coordinates: com.camelprosa:camel-prosa-stt
         * 
         * Syntax: <code>prosa-stt:model</code>
         * 
         * Path parameter: model (required)
         * The Prosa speech-to-text model. A short name without the stt- prefix
         * is expanded to its streaming model: general becomes stt-general-
         * online. Any name starting with stt- is used as it is.
         * 
         * @param componentName to use a custom component name for the endpoint
         * instead of the default name
         * @param path model
         * @return the dsl builder
         */
        default ProsaSttEndpointBuilder prosaStt(String componentName, String path) {
            return ProsaSttEndpointBuilderFactory.endpointBuilder(componentName, path);
        }
    }

    /**
     * The builder of headers' name for the Prosa.ai Speech-to-Text component.
     */
    public static class ProsaSttHeaderNameBuilder {
        /**
         * The internal instance of the builder used to access to all the methods representing the name of headers.
         */
        private static final ProsaSttHeaderNameBuilder INSTANCE = new ProsaSttHeaderNameBuilder();

        /**
         * The model for this message, overriding the endpoint path. A short
         * name is expanded: general becomes stt-general-online.
         * 
         * The option is a: {@code String} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttModel}.
         */
        public String prosaSttModel() {
            return "CamelProsaSttModel";
        }
        /**
         * The label stored with the job, overriding the label option.
         * 
         * The option is a: {@code String} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttLabel}.
         */
        public String prosaSttLabel() {
            return "CamelProsaSttLabel";
        }
        /**
         * The audio format of this message's body, overriding the audioFormat
         * option: auto, wav, mp3, flac, opus, webm, s16le, pcm_mulaw or
         * pcm_alaw.
         * 
         * The option is a: {@code String} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttAudioFormat}.
         */
        public String prosaSttAudioFormat() {
            return "CamelProsaSttAudioFormat";
        }
        /**
         * The sample rate (Hz) of this message's audio, overriding the
         * sampleRate option.
         * 
         * The option is a: {@code Integer} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttSampleRate}.
         */
        public String prosaSttSampleRate() {
            return "CamelProsaSttSampleRate";
        }
        /**
         * The channel count of this message's audio, overriding the channels
         * option.
         * 
         * The option is a: {@code Integer} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttChannels}.
         */
        public String prosaSttChannels() {
            return "CamelProsaSttChannels";
        }
        /**
         * Out: the id of the job the server created for the session.
         * 
         * The option is a: {@code String} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttJobId}.
         */
        public String prosaSttJobId() {
            return "CamelProsaSttJobId";
        }
        /**
         * Out: the job id of every session, in order, when the audio was sent as
         * several (maxSessionDuration, splitChannels); one id otherwise.
         * 
         * The option is a: {@code java.util.List<String>} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttJobIds}.
         */
        public String prosaSttJobIds() {
            return "CamelProsaSttJobIds";
        }
        /**
         * Out: the number of sessions the transcript was made of (1, or more for
         * audio longer than maxSessionDuration).
         * 
         * The option is a: {@code Integer} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttParts}.
         */
        public String prosaSttParts() {
            return "CamelProsaSttParts";
        }
        /**
         * Out: seconds of audio the server processed (from its metadata
         * message).
         * 
         * The option is a: {@code Double} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttDuration}.
         */
        public String prosaSttDuration() {
            return "CamelProsaSttDuration";
        }
        /**
         * Out: the number of final segments in the transcript.
         * 
         * The option is a: {@code Integer} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttSegmentCount}.
         */
        public String prosaSttSegmentCount() {
            return "CamelProsaSttSegmentCount";
        }
        /**
         * Out: the quota the session used (from the server's metadata message).
         * 
         * The option is a: {@code Double} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttQuotaUsed}.
         */
        public String prosaSttQuotaUsed() {
            return "CamelProsaSttQuotaUsed";
        }
        /**
         * Out: whether the server reported reaching its maximum session
         * duration (from its metadata message). A job cut short that way fails
         * instead of succeeding.
         * 
         * The option is a: {@code Boolean} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttMaxReached}.
         */
        public String prosaSttMaxReached() {
            return "CamelProsaSttMaxReached";
        }
        /**
         * On each exchange sent to eventUri: the event's type, PARTIAL, RESULT
         * or END.
         * 
         * The option is a: {@code String} type.
         * 
         * Group: producer
         * 
         * @return the name of the header {@code ProsaSttEventType}.
         */
        public String prosaSttEventType() {
            return "CamelProsaSttEventType";
        }
    }

    static ProsaSttEndpointBuilder endpointBuilder(String componentName, String path) {
        class ProsaSttEndpointBuilderImpl extends AbstractEndpointBuilder
                implements ProsaSttEndpointBuilder, AdvancedProsaSttEndpointBuilder {
            public ProsaSttEndpointBuilderImpl(String path) {
                super(componentName, path);
            }
        }
        return new ProsaSttEndpointBuilderImpl(path);
    }
}
