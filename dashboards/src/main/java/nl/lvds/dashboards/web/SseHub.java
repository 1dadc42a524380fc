package nl.lvds.dashboards.web;

import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import nl.lvds.dashboards.store.DashboardState;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;

/**
 * Pushes new indicators and alerts to open dashboard pages over Server-Sent Events.
 *
 * <p>Consumer batches are collected and flushed every 250 ms: a replay of millions of records
 * becomes a few events per second instead of one per record, while a live record still reaches the
 * page well within the 2 s target. Only district and city cells are pushed (what the overview
 * shows); pages fetch series themselves.
 */
public final class SseHub implements AutoCloseable {

    private static final int MAX_ALERTS_PER_FLUSH = 50;

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final List<TensionIndicator> pendingIndicators = new ArrayList<>();
    private final List<Alert> pendingAlerts = new ArrayList<>();
    private final ScheduledExecutorService flusher =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "lvds-dashboard-sse");
                        t.setDaemon(true);
                        return t;
                    });
    private final Function<List<TensionIndicator>, Object> overviewCells;
    private final Function<Alert, Object> alertView;

    /**
     * A hub that renders pushed data with the same views as the JSON API (so suppression applies).
     */
    public SseHub(
            Function<List<TensionIndicator>, Object> overviewCells,
            Function<Alert, Object> alertView) {
        this.overviewCells = overviewCells;
        this.alertView = alertView;
        flusher.scheduleWithFixedDelay(this::flush, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Registers a connected client; it is dropped when it disconnects. */
    public void add(SseClient client) {
        clients.add(client);
        client.onClose(() -> clients.remove(client));
        client.sendEvent("hello", "{}");
    }

    /** Number of open SSE connections. */
    public int clientCount() {
        return clients.size();
    }

    /** Queues a consumer batch (called on the consumer thread). */
    public void onUpdate(DashboardState.Update u) {
        synchronized (this) {
            for (TensionIndicator t : u.indicators()) {
                if (!"wijk".equals(levelOf(t))) {
                    pendingIndicators.add(t);
                }
            }
            pendingAlerts.addAll(u.alerts());
        }
    }

    private static String levelOf(TensionIndicator t) {
        return nl.lvds.models.config.AreaLevel.ofCell(t.area(), t.district()).wire();
    }

    private void flush() {
        List<TensionIndicator> inds;
        List<Alert> als;
        synchronized (this) {
            if (pendingIndicators.isEmpty() && pendingAlerts.isEmpty()) {
                return;
            }
            inds = new ArrayList<>(pendingIndicators);
            als = new ArrayList<>(pendingAlerts);
            pendingIndicators.clear();
            pendingAlerts.clear();
        }
        if (clients.isEmpty()) {
            return;
        }
        try {
            if (!inds.isEmpty()) {
                broadcast("indicators", overviewCells.apply(inds));
            }
            int from = Math.max(0, als.size() - MAX_ALERTS_PER_FLUSH);
            for (Alert a : als.subList(from, als.size())) {
                broadcast("alert", alertView.apply(a));
            }
        } catch (RuntimeException e) {
            // A broken client must not stop the flusher thread.
        }
    }

    private void broadcast(String event, Object data) {
        for (SseClient c : clients) {
            try {
                c.sendEvent(event, data);
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        clients.clear();
    }
}
