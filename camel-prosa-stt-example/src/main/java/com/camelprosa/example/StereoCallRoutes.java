package com.camelprosa.example;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stereo contact-centre calls, agent on the left channel and customer on the right, to their dialogue: each WAV
 * dropped into {@code calls-stereo/in} is sent as one mono session per channel ({@code splitChannels=true}), and
 * {@code calls-stereo/out} gets {@code <name>.txt}, one line per segment in time order ({@code agent: ...},
 * {@code customer: ...}), and {@code <name>.json}, the segments with their times, channel and speaker.
 */
public class StereoCallRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.jobs");
    static final String STT = "prosa-stt:general?splitChannels=true&channelNames=agent,customer&outputType=transcript";

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler().logExhausted(false));
        RunReport report = getContext().getRegistry().lookupByNameAndType("runReport", RunReport.class);

        from("file:{{example.stereo.in}}?move=.done&moveFailed=.error&readLock=changed&readLockMinAge=1000"
             + "&readLockMinLength=0&exclude=^\\..*")
                .routeId("calls-stereo")
                .onCompletion().onFailureOnly()
                    .process(e -> {
                        String movedTo = in(e).resolve(".error").resolve(name(e)).toString();
                        LOG.warn("Call {} failed, original moved to {}: {}", name(e), movedTo, reason(e));
                        report.add(new RunReport.Entry("calls-stereo", name(e), movedTo, List.of(), reason(e)));
                    })
                .end()
                .setProperty("baseName", simple("${file:onlyname.noext}"))
                .to(STT)
                .setProperty("transcript", body())
                .setBody(simple("${body.text()}")) // the dialogue: "agent: ..." and "customer: ..." lines
                .setHeader(Exchange.FILE_NAME, simple("${exchangeProperty.baseName}.txt"))
                .to("file:{{example.stereo.out}}")
                .setBody(exchangeProperty("transcript"))
                .marshal().json(JsonLibrary.Jackson, true)
                .setHeader(Exchange.FILE_NAME, simple("${exchangeProperty.baseName}.json"))
                .to("file:{{example.stereo.out}}")
                .log("Call ${header.CamelFileNameOnly}: ${exchangeProperty.transcript.segments().size()} segment(s) "
                     + "to {{example.stereo.out}}")
                .process(e -> {
                    Path out = Path.of(e.getContext().resolvePropertyPlaceholders("{{example.stereo.out}}"));
                    String base = e.getProperty("baseName", String.class);
                    report.add(new RunReport.Entry("calls-stereo", name(e),
                            in(e).resolve(".done").resolve(name(e)).toString(),
                            List.of(out.resolve(base + ".txt"), out.resolve(base + ".json")), null));
                });
    }

    private static String name(Exchange e) {
        return e.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    }

    private static String reason(Exchange e) {
        Throwable t = e.getException() != null ? e.getException()
                : e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static Path in(Exchange e) {
        return Path.of(e.getContext().resolvePropertyPlaceholders("{{example.stereo.in}}"));
    }
}
