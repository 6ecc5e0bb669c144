package com.camelprosa.component.prosastt;

import org.apache.camel.spi.Metadata;

/** Message headers of the prosa-stt component. Headers in override the endpoint's options for one message. */
public final class ProsaSttConstants {

    @Metadata(label = "producer", description = "The model for this message, overriding the endpoint path. A short"
                                                + " name is expanded: general becomes stt-general-online.",
              javaType = "String")
    public static final String MODEL = "CamelProsaSttModel";

    @Metadata(label = "producer", description = "The label stored with the job, overriding the label option.",
              javaType = "String")
    public static final String LABEL = "CamelProsaSttLabel";

    @Metadata(label = "producer", description = "The audio format of this message's body, overriding the audioFormat"
                                                + " option: auto, wav, mp3, flac, opus, webm, s16le, pcm_mulaw or pcm_alaw.",
              javaType = "String")
    public static final String AUDIO_FORMAT = "CamelProsaSttAudioFormat";

    @Metadata(label = "producer", description = "The sample rate (Hz) of this message's audio, overriding the"
                                                + " sampleRate option.",
              javaType = "Integer")
    public static final String SAMPLE_RATE = "CamelProsaSttSampleRate";

    @Metadata(label = "producer", description = "The channel count of this message's audio, overriding the channels"
                                                + " option.",
              javaType = "Integer")
    public static final String CHANNELS = "CamelProsaSttChannels";

    @Metadata(label = "producer", description = "Out: the id of the job the server created for the session.",
              javaType = "String")
    public static final String JOB_ID = "CamelProsaSttJobId";

    @Metadata(label = "producer", description = "Out: the job id of every session, in order, when the audio was sent as"
                                                + " several (maxSessionDuration, splitChannels); one id otherwise.",
              javaType = "java.util.List<String>")
    public static final String JOB_IDS = "CamelProsaSttJobIds";

    @Metadata(label = "producer", description = "Out: the number of sessions the transcript was made of (1, or more for"
                                                + " audio longer than maxSessionDuration).",
              javaType = "Integer")
    public static final String PARTS = "CamelProsaSttParts";

    @Metadata(label = "producer", description = "Out: seconds of audio the server processed (from its metadata"
                                                + " message).",
              javaType = "Double")
    public static final String DURATION = "CamelProsaSttDuration";

    @Metadata(label = "producer", description = "Out: the number of final segments in the transcript.",
              javaType = "Integer")
    public static final String SEGMENT_COUNT = "CamelProsaSttSegmentCount";

    @Metadata(label = "producer", description = "Out: the quota the session used (from the server's metadata message).",
              javaType = "Double")
    public static final String QUOTA_USED = "CamelProsaSttQuotaUsed";

    @Metadata(label = "producer", description = "Out: whether the server reported reaching its maximum session duration"
                                                + " (from its metadata message). A job cut short that way fails instead of succeeding.",
              javaType = "Boolean")
    public static final String MAX_REACHED = "CamelProsaSttMaxReached";

    @Metadata(label = "producer", description = "On each exchange sent to eventUri: the event's type, PARTIAL, RESULT"
                                                + " or END.",
              javaType = "String")
    public static final String EVENT_TYPE = "CamelProsaSttEventType";

    private ProsaSttConstants() {
    }
}
