package com.camelprosa.component.prosastt.support;

import java.util.ArrayList;
import java.util.List;

import com.camelprosa.component.prosastt.ProsaSttComponent;
import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.AuthMode;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The host application of
 * {@link com.camelprosa.component.prosastt.SecretsTest#noLogLineOfTyrusCamelOrTheComponentHoldsTheKey}, run in a JVM
 * of its own whose logging backend and configuration (every logger at its most verbose level, to {@code all.log} in the
 * working directory) come from its classpath and system properties, as in a real application. Nothing here touches
 * logging.
 * <p>
 * For each auth mode, with that mode's own key set on the component (where the docs put it): a success, a failure
 * the server reports, a key the server refuses and an unknown model, through a route, so the success and error paths
 * of Tyrus, Camel's producer side and the component all log. Then one exchange with a third key written in the
 * endpoint URI, which Camel's endpoint resolution logs at TRACE (outside this component's reach).
 * <p>
 * Arguments: header-mode key, message-mode key, key for the URI, url of an emulator expecting the header-mode key,
 * url of one expecting the message-mode key, url of one refusing every key. Prints one line per exchange:
 * {@code <authMode> <label> ok|<exception class>}.
 */
public final class LoggedProducerRun {

    private LoggedProducerRun() {
    }

    public static void main(String[] args) throws Exception {
        String[] keys = { args[0], args[1] };
        String uriKey = args[2];
        String[] urls = { args[3], args[4] };
        String refusing = args[5];
        byte[] wav = SyntheticAudio.wav(16000, 0.3, 0.5, 0.3);
        List<String> results = new ArrayList<>();
        for (AuthMode mode : AuthMode.values()) {
            String url = urls[mode.ordinal()];
            String[][] runs = {
                    { "success", "prosa-stt:general?url=" + url, "three-words.wav" },
                    { "server-failure", "prosa-stt:general?url=" + url, "x [fault=close:1011]" },
                    { "refused-key", "prosa-stt:general?url=" + refusing, "three-words.wav" },
                    { "unknown-model", "prosa-stt:klingon?url=" + url, "three-words.wav" },
                    { "key-in-uri", "prosa-stt:general?url=" + refusing + "&apiKey=RAW(" + uriKey + ")",
                      "three-words.wav" } };
            try (CamelContext context = new DefaultCamelContext()) {
                ProsaSttComponent component = context.getComponent("prosa-stt", ProsaSttComponent.class);
                component.getConfiguration().setApiKey(keys[mode.ordinal()]);
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        for (String[] run : runs) {
                            from("direct:" + run[0]).routeId(run[0]).log("sending ${header.CamelProsaSttLabel}")
                                    .to(run[1] + "&authMode=" + mode + "&responseTimeout=15000")
                                    .to("log:transcript?showAll=true&level=INFO");
                        }
                    }
                });
                context.start();
                ProducerTemplate template = context.createProducerTemplate();
                for (String[] run : runs) {
                    Exchange e = template.send("direct:" + run[0], x -> {
                        x.getMessage().setBody(wav);
                        x.getMessage().setHeader(ProsaSttConstants.LABEL, run[2]);
                    });
                    results.add(mode + " " + run[0] + " "
                                + (e.getException() == null ? "ok" : e.getException().getClass().getSimpleName()));
                }
            }
        }
        results.forEach(System.out::println);
    }
}
