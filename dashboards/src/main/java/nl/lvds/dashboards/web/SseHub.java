package nl.lvds.dashboards.web;

import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Provisional indicators (early results of open windows) go out as their own event, {@code
 * early}, at most every {@link #EARLY_INTERVAL_MILLIS} ms: the job re-publishes every open window
 * every half second, so only the cells changed since the last push are sent, each with the value
 * the store holds at push time (a provisional value that its final has replaced meanwhile is not
 * sent).
 */
public final class SseHub implements AutoCloseable {

    private static final int MAX_ALERTS_PER_FLUSH = 50;

    /** The shortest time between two {@code early} events (to every client alike). */
    public static final long EARLY_INTERVAL_MILLIS = 500;

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final List<TensionIndicator> pendingIndicators = new ArrayList<>();
    private final List<Alert> pendingAlerts = new ArrayList<>();
    private final Set<DashboardState.CellKey> pendingEarly = new LinkedHashSet<>();
    private long lastEarlyPush;
    private final ScheduledExecutorService flusher =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "lvds-dashboard-sse");
                        t.setDaemon(true);
                        return t;
                    });
    private final Function<List<TensionIndicator>, Object> overviewCells;
    private final Function<Alert, Object> alertView;
    private final Function<List<DashboardState.CellKey>, List<?>> earlyCells;

    /**
     * A hub that renders pushed data with the same views as the JSON API (so suppression and the
     * drill-down guard apply); {@code earlyCells} renders the provisional values the store holds
     * for the given cells, leaving out what may not be shown.
     */
    public SseHub(
            Function<List<TensionIndicator>, Object> overviewCells,
            Function<Alert, Object> alertView,
            Function<List<DashboardState.CellKey>, List<?>> earlyCells) {
        this.overviewCells = overviewCells;
        this.alertView = alertView;
        this.earlyCells = earlyCells;
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
            // A set of cells: bounded by the number of cells however often they are re-published.
            pendingEarly.addAll(u.early());
        }
    }

    private static String levelOf(TensionIndicator t) {
        return nl.lvds.models.config.AreaLevel.ofCell(t.area(), t.district()).wire();
    }

    private void flush() {
        List<TensionIndicator> inds;
        List<Alert> als;
        List<DashboardState.CellKey> early = List.of();
        synchronized (this) {
            long now = System.currentTimeMillis();
            boolean earlyDue =
                    !pendingEarly.isEmpty() && now - lastEarlyPush >= EARLY_INTERVAL_MILLIS;
            if (pendingIndicators.isEmpty() && pendingAlerts.isEmpty() && !earlyDue) {
                return;
            }
            inds = new ArrayList<>(pendingIndicators);
            als = new ArrayList<>(pendingAlerts);
            pendingIndicators.clear();
            pendingAlerts.clear();
            if (earlyDue) {
                early = new ArrayList<>(pendingEarly);
                pendingEarly.clear();
                lastEarlyPush = now;
            }
        }
        if (clients.isEmpty()) {
            return;
        }
        try {
            if (!inds.isEmpty()) {
                broadcast("indicators", overviewCells.apply(inds));
            }
            if (!early.isEmpty()) {
                List<?> cells = earlyCells.apply(early);
                if (!cells.isEmpty()) {
                    broadcast("early", Map.of("cells", cells));
                }
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
