package com.camelprosa.example;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** The console lines that tell a user, once the application is ready, what to try with each join that runs. */
final class WhatToTry {

    private WhatToTry() {
    }

    static void print(PrintStream console, Options options, int httpPort, String brokerUrl) throws IOException {
        String base = "http://127.0.0.1:" + httpPort;
        // A copy of the sample outside the inbox for the curl lines (the inbox moves its files away).
        Path sample = options.dir().resolve(Samples.MONO);
        Samples.copy(Samples.MONO, sample);
        String upload = "curl -s -H 'Content-Type: audio/wav' --data-binary @" + sample + " ";
        console.println();
        console.println("Ready (instance " + options.instance() + "). Try:");
        if (options.has("files")) {
            console.println("  files:    cp " + sample + " " + options.inbox() + "/   -> " + options.outbox()
                            + "/call-center.txt and .json");
            Path stereo = options.dir().resolve(Samples.STEREO);
            Samples.copy(Samples.STEREO, stereo);
            console.println("  stereo:   cp " + stereo + " " + options.stereoInbox() + "/   -> "
                            + options.stereoOutbox() + "/call-stereo.txt (agent: / customer: lines) and .json");
        }
        if (options.has("http")) {
            console.println("  http:     " + upload + "'" + base + "/transcripts?label=" + Samples.MONO + "'");
            console.println("            " + upload.replace("curl -s", "curl -sN -H 'Accept: text/event-stream'") + "'"
                            + base + "/transcripts?label=" + Samples.MONO + "'");
        }
        if (options.has("captions")) {
            console.println("  captions: open " + base + "/ in a browser, click Start (or pick a file)");
        }
        if (options.has("jms")) {
            console.println("  jms:      " + upload + "'" + base + "/jobs?name=" + Samples.MONO + "'   (a job on queue "
                            + "transcribe.jobs of " + brokerUrl + ")");
            console.println("            curl -s '" + base + "/jobs/results'   (takes the results off "
                            + "transcribe.results)");
            console.println("            another instance: --broker " + brokerUrl + " --routes jms --port 0");
        }
        if (options.has("ftp")) {
            console.println("  ftp:      upload audio to "
                            + options.ftpUrl().replaceAll("password=[^&]*", "password=***"));
        }
        console.println("Stop with Ctrl-C.");
    }
}
