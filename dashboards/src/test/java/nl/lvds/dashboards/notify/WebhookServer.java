package nl.lvds.dashboards.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local HTTP server (JDK) that records JSON POSTs per path; it can fail the first N. */
public final class WebhookServer implements AutoCloseable {

    /** One received request. */
    public record Received(String path, String contentType, String body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();

    /** Starts on a free loopback port. */
    public WebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                ex -> {
                    byte[] body = ex.getRequestBody().readAllBytes();
                    int status;
                    if (ex.getRequestURI().getPath().startsWith("/down")) {
                        status = 503;
                    } else if (failFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        status = 500;
                    } else {
                        status = 200;
                        received.add(
                                new Received(
                                        ex.getRequestURI().getPath(),
                                        ex.getRequestHeaders().getFirst("Content-Type"),
                                        new String(body, StandardCharsets.UTF_8)));
                    }
                    ex.sendResponseHeaders(status, -1);
                    ex.close();
                });
        server.start();
    }

    /** The base URL. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Makes the next {@code n} requests answer 500. */
    public void failNext(int n) {
        failFirst.set(n);
    }

    /** Requests answered 200, in order. */
    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
