package com.camelprosa.prosastt.emulator;

import java.util.List;
import java.util.Map;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.core.HandshakeException;

/** Creates one {@link EmulatorSession} per connection and reads (or refuses) the {@code x-api-key} header. */
final class UpgradeConfigurator extends ServerEndpointConfig.Configurator {

    private final ProsaSttEmulator emulator;

    UpgradeConfigurator(ProsaSttEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        List<String> values = request.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("x-api-key")).findFirst().map(Map.Entry::getValue)
                .orElse(List.of());
        String key = values.isEmpty() ? null : values.get(0);
        if (key != null && emulator.settings().rejectBadKeyAtUpgrade() && !emulator.settings().acceptsKey(key)) {
            throw sneaky(new HandshakeException(401, "Unauthorized"));
        }
        if (key == null) {
            sec.getUserProperties().remove(EmulatorSession.HEADER_KEY_PROPERTY);
        } else {
            sec.getUserProperties().put(EmulatorSession.HEADER_KEY_PROPERTY, key);
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new EmulatorSession(emulator));
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
