package com.camelprosa.example;

import org.apache.camel.builder.RouteBuilder;

/**
 * An FTP folder of audio to transcripts ({@code --ftp ftp://user@host:21/inbox?password=...}, consumer options
 * {@code example.ftp.options}): as {@link FileRoutes}, the transcripts go to the local {@code example.out} and the
 * audio is moved to {@code .done} or {@code .error} on the server. Reports name the files without user or password.
 */
public class FtpRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler().logExhausted(false));
        String url = getContext().resolvePropertyPlaceholders("{{example.ftp.url}}");
        InboxOutcomes outcomes = InboxOutcomes.of(getContext(), "ftp", url,
                getContext().resolvePropertyPlaceholders("{{example.out}}"));

        // Never over an earlier file of the same name: claim (below) names the audio in .done and .error
        from(url + (url.contains("?") ? "&" : "?") + "move=.done/${exchangeProperty.exampleMovedName}"
             + "&moveFailed=.error/${exchangeProperty.exampleMovedName}&{{example.ftp.options}}")
                .routeId("ftp")
                // The failure itself was handled (retried, then given up) in "transcribe": report it here.
                .onCompletion().onFailureOnly()
                    .process(outcomes::failed)
                .end()
                .process(outcomes::claim)
                .to("direct:transcribe")
                .to("direct:write-transcript")
                .process(outcomes::succeeded);
    }
}
