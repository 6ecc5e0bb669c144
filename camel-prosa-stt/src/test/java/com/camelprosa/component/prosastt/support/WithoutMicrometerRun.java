package com.camelprosa.component.prosastt.support;

import com.camelprosa.component.prosastt.ProsaSttComponent;
import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * The application of {@link com.camelprosa.component.prosastt.WithoutMicrometerTest}, run in a JVM whose classpath lacks Micrometer or
 * camel-telemetry: a route transcribes with the emulator and the dev console answers. Arguments: the emulator's url and key. Prints
 * {@code micrometer absent} and whether camel-telemetry is there (and if not, that the span decorator
 * could not load), then {@code transcript: <text>} or the exception, then the console's text.
 */
public final class WithoutMicrometerRun {

    private WithoutMicrometerRun() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry");
            System.out.println("micrometer present");
        } catch (ClassNotFoundException e) {
            System.out.println("micrometer absent");
        }
        try {
            Class.forName("org.apache.camel.telemetry.SpanDecorator");
            System.out.println("telemetry present");
        } catch (ClassNotFoundException e) {
            System.out.println("telemetry absent");
            System.out.println("span decorator service file " + (WithoutMicrometerRun.class.getClassLoader()
                    .getResource("META-INF/services/org.apache.camel.telemetry.SpanDecorator") == null ? "absent" : "present"));
            try {
                Class.forName("com.camelprosa.component.prosastt.ProsaSttSpanDecorator");
                System.out.println("span decorator loaded");
            } catch (LinkageError unloadable) {
                System.out.println("span decorator unloadable: " + unloadable.getClass().getSimpleName());
            }
        }
        try (CamelContext context = new DefaultCamelContext()) {
            context.getComponent("prosa-stt", ProsaSttComponent.class).getConfiguration().setApiKey(args[1]);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:transcribe").to("prosa-stt:general?url=" + args[0]);
                }
            });
            context.start();
            Exchange done = context.createProducerTemplate().send("direct:transcribe", e -> {
                e.getMessage().setBody(SyntheticAudio.wav(16000, 0.3, 0.5, 0.4));
                e.getMessage().setHeader(ProsaSttConstants.LABEL, "one.wav");
            });
            System.out.println(done.getException() == null ? "transcript: " + done.getMessage().getBody(String.class)
                    : "failed: " + done.getException());
            DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("prosa-stt");
            System.out.println(console.call(DevConsole.MediaType.TEXT));
        }
    }
}
