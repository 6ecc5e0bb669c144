package com.camelprosa.example;

import org.apache.camel.builder.RouteBuilder;

/**
 * A folder of audio to transcripts: each file dropped into {@code example.in} is transcribed
 * ({@code direct:transcribe}, {@link TranscribeRoutes}) and becomes {@code <name>.txt} and {@code <name>.json} in
 * {@code example.out} (the YAML route {@code routes/write-transcript.camel.yaml}). The audio is moved to
 * {@code .done}, or to {@code .error} with the reason logged: nothing is deleted.
 */
public class FileRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler().logExhausted(false));
        InboxOutcomes outcomes = InboxOutcomes.of(getContext(), "files", resolve("{{example.in}}"),
                resolve("{{example.out}}"));

        // Never over an earlier file of the same name: claim (below) names the audio in .done and .error
        from("file:{{example.in}}?move=.done/${exchangeProperty.exampleMovedName}"
             + "&moveFailed=.error/${exchangeProperty.exampleMovedName}"
             + "&readLock=changed&readLockMinAge=1000&readLockMinLength=0&exclude=^\\..*")
                .routeId("files")
                // The failure itself was handled (retried, then given up) in "transcribe": report it here.
                .onCompletion().onFailureOnly()
                    .process(outcomes::failed)
                .end()
                .process(outcomes::claim)
                .to("direct:transcribe")
                .to("direct:write-transcript")
                .process(outcomes::succeeded);
    }

    private String resolve(String placeholder) {
        return getContext().resolvePropertyPlaceholders(placeholder);
    }
}
