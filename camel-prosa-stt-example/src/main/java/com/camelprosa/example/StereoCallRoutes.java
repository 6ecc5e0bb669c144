package com.camelprosa.example;

import com.camelprosa.prosastt.client.Subtitles;
import com.camelprosa.prosastt.client.Transcript;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * Stereo contact-centre calls, agent on the left channel and customer on the right, to their dialogue: each WAV
 * dropped into {@code calls-stereo/in} is sent as one mono session per channel ({@code splitChannels=true}), and
 * {@code calls-stereo/out} gets {@code <name>.txt}, one line per segment in time order ({@code agent: ...},
 * {@code customer: ...}), and {@code <name>.json}, the segments with their times, channel and speaker.
 */
public class StereoCallRoutes extends RouteBuilder {

    static final String STT = "prosa-stt:general?splitChannels=true&channelNames=agent,customer&outputType=transcript";

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler().logExhausted(false));
        InboxOutcomes outcomes = InboxOutcomes.of(getContext(), "calls-stereo",
                getContext().resolvePropertyPlaceholders("{{example.stereo.in}}"),
                getContext().resolvePropertyPlaceholders("{{example.stereo.out}}"));

        // Never over an earlier file of the same name: claim (below) names the audio in .done and .error
        from("file:{{example.stereo.in}}?move=.done/${exchangeProperty.exampleMovedName}"
             + "&moveFailed=.error/${exchangeProperty.exampleMovedName}"
             + "&readLock=changed&readLockMinAge=1000&readLockMinLength=0&exclude=^\\..*")
                .routeId("calls-stereo")
                .onCompletion().onFailureOnly()
                    .process(outcomes::failed)
                .end()
                .process(outcomes::claim)
                .process(e -> e.setProperty("baseName", InboxOutcomes.baseName(e)))
                .to(STT)
                .setProperty("transcript", body())
                .setBody(simple("${body.text()}")) // the dialogue: "agent: ..." and "customer: ..." lines
                .setHeader(Exchange.FILE_NAME, simple("${exchangeProperty.baseName}.txt"))
                .to("file:{{example.stereo.out}}")
                .setBody(exchangeProperty("transcript"))
                .marshal().json(JsonLibrary.Jackson, true)
                .setHeader(Exchange.FILE_NAME, simple("${exchangeProperty.baseName}.json"))
                .to("file:{{example.stereo.out}}")
                .setBody(e -> Subtitles.defaults().srt(e.getProperty("transcript", Transcript.class)))
                .setHeader(Exchange.FILE_NAME, simple("${exchangeProperty.baseName}.srt"))
                .to("file:{{example.stereo.out}}")
                .log("Call ${header.CamelFileNameOnly}: ${exchangeProperty.transcript.segments().size()} segment(s) "
                     + "to {{example.stereo.out}}")
                .process(outcomes::succeeded);
    }
}
