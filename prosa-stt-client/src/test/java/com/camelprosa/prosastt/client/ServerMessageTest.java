package com.camelprosa.prosastt.client;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerMessageTest {

    @Test
    void theJobsLifeIsReadFromCreatedAndStatus() {
        assertEquals(new ServerMessage.Created("job-42"),
                ServerMessage.parse("{\"type\":\"created\",\"id\":\"job-42\"}"));

        ServerMessage.Status complete = assertInstanceOf(ServerMessage.Status.class,
                ServerMessage.parse("{\"type\":\"status\",\"status\":\"complete\"}"));
        ServerMessage.Status failed = assertInstanceOf(ServerMessage.Status.class,
                ServerMessage.parse("{\"type\":\"status\",\"status\":\"failed\"}"));
        ServerMessage.Status queued = assertInstanceOf(ServerMessage.Status.class,
                ServerMessage.parse("{\"type\":\"status\",\"status\":\"queued\"}"));
        assertTrue(complete.isComplete());
        assertTrue(failed.isFailed());
        assertFalse(queued.isComplete() || queued.isFailed());
    }

    @Test
    void aResultKeepsTheServersOtherFieldsForTheUser() {
        ServerMessage.Result r = assertInstanceOf(ServerMessage.Result.class, ServerMessage.parse(
                "{\"type\":\"result\",\"transcript\":\"selamat pagi\",\"time_start\":0.5,\"time_end\":1.5,"
                + "\"channel\":1,\"confidence\":0.93,\"speaker\":null}"));

        assertEquals("selamat pagi", r.text());
        assertEquals(0.5, r.start());
        assertEquals(1.5, r.end());
        assertEquals(1, r.channel());
        assertEquals(Map.of("confidence", 0.93), r.fields(), "the protocol's own fields and nulls are left out");
        assertEquals("selamat pagi", r.segment().text());
    }

    @Test
    void aChannelThatIsNoChannelNumberIsLeftOut() {
        for (String channel : new String[] { "-1", "1.5", "\"left\"", "null" }) {
            ServerMessage.Result r = assertInstanceOf(ServerMessage.Result.class, ServerMessage.parse(
                    "{\"type\":\"result\",\"transcript\":\"x\",\"time_start\":0,\"time_end\":1,\"channel\":"
                    + channel + "}"));
            assertNull(r.channel(), channel);
        }
    }

    @Test
    void partialTextAndQuotaAreRead() {
        assertEquals(new ServerMessage.Partial("selamat"),
                ServerMessage.parse("{\"type\":\"partial\",\"transcript\":\"selamat\"}"));
        assertEquals(new ServerMessage.Quota("120.5"),
                ServerMessage.parse("{\"type\":\"quota\",\"quota_used\":120.5}"));
    }

    @Test
    void closingFiguresThatAreMissingOrMistypedAreUnknownNotZero() {
        assertEquals(new ServerMessage.Metadata(12.5, 13.0, true, 3600.0), ServerMessage.parse(
                "{\"type\":\"metadata\",\"duration\":12.5,\"quota_used\":13,\"max_reached\":true,"
                + "\"max_duration\":3600.0}"));
        assertEquals(new ServerMessage.Metadata(null, null, null, null), ServerMessage.parse(
                "{\"type\":\"metadata\",\"duration\":\"12.5\",\"max_reached\":\"yes\"}"));
    }

    @Test
    void whatThisClientDoesNotUseIsIgnoredWithoutRepeatingIt() {
        assertEquals(new ServerMessage.Ignored("unknown type 'hello'"), ServerMessage.parse("{\"type\":\"hello\"}"));
        assertInstanceOf(ServerMessage.Ignored.class, ServerMessage.parse("[1, 2, 3]"));
        assertInstanceOf(ServerMessage.Ignored.class, ServerMessage.parse("null"));
        ServerMessage.Ignored notJson = assertInstanceOf(ServerMessage.Ignored.class,
                ServerMessage.parse("Internal error: token sk-123"));
        assertFalse(notJson.why().contains("sk-123"), "the text itself may hold anything: " + notJson.why());
    }
}
