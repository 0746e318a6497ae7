package org.projectspark.notification.ws;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SocketProtocolTest {

    @Test
    void aMessageIsOneJsonObjectWithAStringType() {
        assertThat(SocketProtocol.Incoming.read("not json").errorCode()).isEqualTo("malformed");
        assertThat(SocketProtocol.Incoming.read("[1,2]").errorCode()).isEqualTo("malformed");
        assertThat(SocketProtocol.Incoming.read("\"auth\"").errorCode()).isEqualTo("malformed");
        assertThat(SocketProtocol.Incoming.read("{\"type\":7}").errorCode()).isEqualTo("bad-message");
        assertThat(SocketProtocol.Incoming.read("{}").errorCode()).isEqualTo("bad-message");
        SocketProtocol.Incoming ok = SocketProtocol.Incoming.read("{\"type\":\"resume\",\"after\":12}");
        assertThat(ok.ok()).isTrue();
        assertThat(ok.type()).isEqualTo("resume");
        assertThat(ok.position("after")).contains(12L);
    }

    @Test
    void aPositionIsAWholeNumberFromZero() {
        assertThat(SocketProtocol.Incoming.read("{\"type\":\"resume\",\"after\":0}").position("after")).contains(0L);
        assertThat(SocketProtocol.Incoming.read("{\"type\":\"resume\",\"after\":-1}").position("after")).isEmpty();
        assertThat(SocketProtocol.Incoming.read("{\"type\":\"resume\",\"after\":1.5}").position("after")).isEmpty();
        assertThat(SocketProtocol.Incoming.read("{\"type\":\"resume\",\"after\":\"12\"}").position("after")).isEmpty();
        assertThat(SocketProtocol.Incoming.read("{\"type\":\"resume\",\"after\":99999999999999999999999}").position("after")).isEmpty();
        assertThat(SocketProtocol.Incoming.read("{\"type\":\"resume\"}").position("after")).isEmpty();
    }

    @Test
    void aBlankTokenIsNoToken() {
        assertThat(SocketProtocol.Incoming.read("{\"type\":\"auth\",\"token\":\"  \"}").text("token")).isEmpty();
        assertThat(SocketProtocol.Incoming.read("{\"type\":\"auth\",\"token\":5}").text("token")).isEmpty();
        assertThat(SocketProtocol.Incoming.read("{\"type\":\"auth\",\"token\":\"abc\"}").text("token")).contains("abc");
    }

    @Test
    void aCloseReasonFitsTheFrame() {
        String reason = SocketProtocol.close(SocketProtocol.UNAUTHORIZED, "é".repeat(200)).getReasonPhrase();
        assertThat(reason.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(SocketProtocol.close(SocketProtocol.UNAUTHORIZED, "short").getReasonPhrase()).isEqualTo("short");
        assertThat(SocketProtocol.UNAUTHORIZED.getCode()).isEqualTo(4401);
    }

    @Test
    void serverMessagesAreJson() {
        assertThat(SocketProtocol.error("unknown-type", "say \"what\"")).isEqualTo("{\"type\":\"error\",\"code\":\"unknown-type\",\"message\":\"say \\\"what\\\"\"}");
        assertThat(SocketProtocol.caughtUp(42, true)).isEqualTo("{\"type\":\"caught-up\",\"last\":42,\"more\":true}");
    }
}
