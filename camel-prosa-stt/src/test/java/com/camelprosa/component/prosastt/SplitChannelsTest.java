package com.camelprosa.component.prosastt;

import java.util.List;
import java.util.Map;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttInvalidConfigurationException;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.camelprosa.prosastt.client.Segment;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A contact-centre call, agent on the left channel and customer on the right: who said what, in order. */
class SplitChannelsTest extends EmulatorTestSupport {

    /** Agent speaks at 0.5 s and 3.9 s, the customer at 2.0 s and 5.4 s. */
    static final byte[] AGENT = SyntheticAudio.pcm(16000, 0.5, 2.6, 0.8, 0.8);
    static final byte[] CUSTOMER = SyntheticAudio.pcm(16000, 2.0, 2.6, 0.8, 0.8);
    static final byte[] STEREO_WAV = SyntheticAudio.multiChannelWav(16000, AGENT, CUSTOMER);
    static final String DIALOGUE = "agent: selamat pagi\ncustomer: selamat pagi\nagent: apa kabar\ncustomer: apa kabar";

    @Test
    void aStereoCallBecomesADialogueWithItsSpeakers() {
        int before = emulator.sessions().size();

        Exchange out = send(uri("general", "splitChannels=true&channelNames=agent,customer"), STEREO_WAV);

        assertEquals(DIALOGUE, out.getMessage().getBody(String.class), () -> String.valueOf(out.getException()));
        List<SessionRecord> sessions = emulator.sessions().subList(before, emulator.sessions().size());
        assertEquals(2, sessions.size(), "one mono session per channel");
        assertEquals(java.util.Set.of(LABEL + " [agent]", LABEL + " [customer]"), sessions.stream()
                .map(s -> s.configuration().replaceAll(".*\"label\":\"([^\"]*)\".*", "$1"))
                .collect(java.util.stream.Collectors.toSet()), "each channel's job labelled with its speaker");
        for (SessionRecord s : sessions) {
            assertTrue(s.configuration().contains("\"format\":\"wav\""), s.configuration());
            assertEquals(Math.max(AGENT.length, CUSTOMER.length) + 44L, s.audioBytesReceived(),
                    "a mono WAV of one channel's samples");
        }
        assertEquals(2, out.getMessage().getHeader(ProsaSttConstants.PARTS));
    }

    @Test
    void segmentsCarryChannelAndSpeakerInTimeOrder() {
        Transcript t = template.requestBodyAndHeader(
                uri("general", "splitChannels=true&channelNames=agent,customer&outputType=transcript"), STEREO_WAV,
                ProsaSttConstants.LABEL, LABEL, Transcript.class);

        assertEquals(List.of(0, 1, 0, 1), t.segments().stream().map(Segment::channel).toList());
        assertEquals(List.of("agent", "customer", "agent", "customer"), t.segments().stream().map(Segment::speaker).toList());
        assertEquals(List.of(0.5, 2.0, 3.9, 5.4), t.segments().stream().map(s -> Math.round(s.start() * 10) / 10.0).toList());
        assertEquals(2, t.jobIds().size());
    }

    @Test
    void rawStereoPcmSplitsToo() {
        Exchange out = send(uri("general", "splitChannels=true&channelNames=agent,customer&audioFormat=s16le"
                                           + "&sampleRate=16000&channels=2"),
                SyntheticAudio.interleave(AGENT, CUSTOMER));

        assertEquals(DIALOGUE, out.getMessage().getBody(String.class), () -> String.valueOf(out.getException()));
    }

    @Test
    void oneChannelsFailureFailsTheExchangeAndNamesTheChannel() {
        emulator.failNext(1, "close:1011");

        Exchange out = send(uri("general", "splitChannels=true&channelNames=agent,customer"), STEREO_WAV);

        ProsaSttException e = assertInstanceOf(ProsaSttConnectionException.class, out.getException());
        assertTrue(e.getMessage().matches("(?s)In channel [01] \\((agent|customer)\\) of 2: .*1011.*"), e.getMessage());
    }

    /** A redelivery sends only the channel that failed: the confirmed one stays on the exchange, billed once. */
    @Test
    void aRedeliverySendsOnlyTheChannelThatFailed() throws Exception {
        try (ProsaSttEmulator own = ProsaSttEmulator.builder().apiKey(API_KEY)
                .transcripts(TranscriptScript.of(LABEL, WORDS)).build().start()) {
            own.failNext(1, "noise"); // the first channel to configure: harmless extras
            own.failNext(1, "stall-after-end"); // the other: never confirms, so it times out after the first is done
            MockEndpoint done = getMockEndpoint("mock:split-done");
            done.expectedMessageCount(1);

            String split = uri("general", "splitChannels=true&channelNames=agent,customer&responseTimeout=1500")
                    .replace(emulator.url(), own.url()); // in an endpoint URI, where Camel masks the key, not a header
            context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:split-redelivered")
                            .onException(ProsaSttTimeoutException.class).maximumRedeliveries(1).redeliveryDelay(0).end()
                            .to(split).to("mock:split-done");
                }
            });

            template.sendBodyAndHeader("direct:split-redelivered", STEREO_WAV, ProsaSttConstants.LABEL, LABEL);

            done.assertIsSatisfied();
            assertEquals(DIALOGUE, done.getExchanges().get(0).getMessage().getBody(String.class));
            List<SessionRecord> sessions = own.sessions();
            assertEquals(3, sessions.size(), "two channels, then only the one that failed");
            SessionRecord stalled = sessions.subList(0, 2).stream().filter(r -> r.finalMessageSentNanos() == 0).findFirst()
                    .orElseThrow();
            assertEquals(stalled.configuration(), sessions.get(2).configuration(), "the failed channel again");
            assertEquals(2, done.getExchanges().get(0).getMessage().getHeader(ProsaSttConstants.PARTS));
        }
    }

    @Test
    void eachChannelCountsAgainstMaxConcurrentStreams() {
        Exchange tooFew = send(uri("general", "splitChannels=true&maxConcurrentStreams=1"), STEREO_WAV);
        ProsaSttException e = assertInstanceOf(ProsaSttInvalidConfigurationException.class, tooFew.getException());
        assertTrue(e.getMessage().contains("Raise maxConcurrentStreams to at least 2"), e.getMessage());

        Exchange enough = send(uri("general", "splitChannels=true&maxConcurrentStreams=2&channelNames=agent,customer"),
                STEREO_WAV);
        assertEquals(DIALOGUE, enough.getMessage().getBody(String.class), () -> String.valueOf(enough.getException()));
    }

    @Test
    void audioThatCannotBeSplitIsRefusedBeforeAnyConnection() {
        int before = emulator.sessions().size();
        byte[] mp3 = LongAudioTest.mp3Frames(4);

        Exchange out = send(uri("general", "splitChannels=true"), mp3, Map.of(Exchange.FILE_NAME_ONLY, "call.mp3"));

        ProsaSttException e = assertInstanceOf(ProsaSttInvalidInputException.class, out.getException());
        assertTrue(e.getMessage().contains("splitChannels takes WAV"), e.getMessage());
        assertEquals(before, emulator.sessions().size());
    }
}
