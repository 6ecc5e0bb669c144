package com.camelprosa.component.prosastt.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that misbehaves below the websocket protocol, as broken servers and networks do. Written
 * apart from the emulator (plain sockets, no Tyrus), so the component is tried against a peer it does not share code
 * with.
 */
public final class RawServer implements AutoCloseable {

    public enum Mode {
        /** Accepts TCP, reads the upgrade request and never answers. */
        SILENT,
        /** Accepts TCP and closes the connection at once. */
        CLOSE_AT_ONCE,
        /** Answers the upgrade with HTTP 429 Too Many Requests. */
        HTTP_429,
        /** Never accepts: its backlog is full, so new connects hang in the TCP handshake. */
        BACKLOG_FULL
    }

    private final ServerSocket server;
    private final Mode mode;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private RawServer(Mode mode) throws IOException {
        this.mode = mode;
        server = new ServerSocket(0, mode == Mode.BACKLOG_FULL ? 1 : 50, InetAddress.getLoopbackAddress());
        if (mode == Mode.BACKLOG_FULL) {
            for (int i = 0; i < 4; i++) { // fill the accept queue; nobody ever takes them
                Socket filler = new Socket();
                try {
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
                    sockets.add(filler);
                } catch (IOException e) {
                    filler.close();
                    break; // the queue is full already
                }
            }
            acceptor = null;
        } else {
            acceptor = new Thread(this::acceptLoop, "raw-server-" + mode);
            acceptor.setDaemon(true);
            acceptor.start();
        }
    }

    public static RawServer start(Mode mode) throws IOException {
        return new RawServer(mode);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "ws://127.0.0.1:" + port() + "/v2/speech/stt";
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                switch (mode) {
                    case CLOSE_AT_ONCE -> s.close();
                    case HTTP_429 -> answer(s, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\nContent-Length: 0\r\n"
                                               + "Connection: close\r\n\r\n");
                    default -> {
                        sockets.add(s);
                        Thread reader = new Thread(() -> drain(s), "raw-server-reader");
                        reader.setDaemon(true);
                        reader.start();
                    }
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answer(Socket s, String response) throws IOException {
        try (s) {
            InputStream in = s.getInputStream();
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            int b;
            while (matched < end.length && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
            }
            OutputStream out = s.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static void drain(Socket s) {
        try (InputStream in = s.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
