package com.camelprosa.example;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import jakarta.jms.JMSException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed transcription into an HTTP answer with a JSON body: 400 bad audio, 413 too large, 429 rate limited
 * (with Retry-After), 502 the upstream refused us (key, configuration, model, quota, protocol, connection), 503 the
 * JMS broker is unavailable (with Retry-After), 504 timeout; and 415 to a body sent as a form ({@link #refuseForms}).
 */
public final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelprosa.example.http");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The upload is larger than {@code example.http.max-bytes}. */
    public static final class TooLargeException extends RuntimeException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    private final int retryAfterSeconds;

    public HttpErrors(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** What an HTTP client is told about a failure. */
    public record Answer(int status, String error, String message, Boolean retryable) {
        Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", error);
            body.put("message", message);
            if (retryable != null) {
                body.put("retryable", retryable);
            }
            return body;
        }
    }

    public static Answer classify(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof JMSException) {
                return new Answer(503, "broker_unavailable", "The JMS broker is unavailable: " + c.getMessage(), true);
            }
        }
        while (e != null && !(e instanceof ProsaSttException) && !(e instanceof TooLargeException)
               && e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        int status;
        String code;
        if (e instanceof TooLargeException) {
            status = 413;
            code = "too_large";
        } else if (e instanceof ProsaSttInvalidInputException) {
            status = 400;
            code = "bad_audio";
        } else if (e instanceof ProsaSttRateLimitedException) {
            status = 429;
            code = "rate_limited";
        } else if (e instanceof ProsaSttTimeoutException) {
            status = 504;
            code = "timeout";
        } else if (e instanceof ProsaSttAuthenticationException) {
            status = 502;
            code = "upstream_auth";
        } else if (e instanceof ProsaSttException) {
            status = 502;
            code = "upstream_" + e.getClass().getSimpleName().replace("ProsaStt", "").replace("Exception", "")
                    .replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        } else {
            status = 500;
            code = "internal";
        }
        return new Answer(status, code, e == null ? "unknown error" : status == 500 ? e.toString() : e.getMessage(),
                e instanceof ProsaSttException p ? p.isRetryable() : null);
    }

    /**
     * Answers 415 with JSON to a POST whose body is a form ({@code application/x-www-form-urlencoded}, curl's type for
     * {@code --data-binary} without {@code -H 'Content-Type: ...'}), before its body is parsed: Vert.x would read the
     * audio as form fields and fail with a plain-text 400 and a stack trace. Call once Camel has started.
     */
    public static void refuseForms(CamelContext camel, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        router.route().order(-1).method(HttpMethod.POST).handler(ctx -> {
            String type = ctx.request().getHeader("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                ctx.next();
                return;
            }
            Answer a = new Answer(415, "unsupported_media_type", "The body was sent as a form (Content-Type: "
                    + "application/x-www-form-urlencoded, curl's default for --data-binary). Send the audio with its "
                    + "type, e.g. curl -H 'Content-Type: audio/wav' --data-binary @call.wav", null);
            LOG.warn("POST {} answered {} {}: {}", ctx.request().path(), a.status(), a.error(), a.message());
            // Read the body to its end (and drop it), so the client sees the answer rather than a reset connection.
            ctx.request().handler(ignored -> { });
            ctx.request().end().onComplete(done -> ctx.response().setStatusCode(a.status())
                    .putHeader("Content-Type", "application/json").end(json(a)));
            ctx.request().resume();
        });
    }

    static String json(Answer answer) {
        try {
            return JSON.writeValueAsString(answer.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void answer(Exchange exchange) {
        Answer a = classify(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (a.status() == 429 || a.status() == 503) {
            exchange.getMessage().setHeader("Retry-After", retryAfterSeconds);
        }
        LOG.warn("{} {} answered {} {}: {}", exchange.getIn().getHeader(Exchange.HTTP_METHOD, "POST", String.class),
                exchange.getIn().getHeader(Exchange.HTTP_PATH, "/transcripts", String.class), a.status(), a.error(),
                a.message());
        exchange.getMessage().removeHeaders("*", "Retry-After");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, a.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json(a));
    }
}
