package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import dev.barge.client.EngineException;
import dev.barge.client.Request;
import dev.barge.client.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * docker stats: one collector per container reading GET /containers/{id}/stats; with --no-stream
 * one table once every container has its sample, otherwise the table is redrawn in place every
 * half second (see {@link #redrawn}), whether or not stdout is a terminal, as docker does.
 */
@Command(name = "stats", description = "Display a live stream of container(s) resource usage statistics")
final class StatsCommand extends BaseCommand {
    private static final String TABLE =
            "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    private static final Map<String, String> TITLES = Map.of("Container", "CONTAINER", "Name", "NAME",
            "ID", "CONTAINER ID", "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %",
            "NetIO", "NET I/O", "BlockIO", "BLOCK I/O", "PIDs", "PIDS");
    private static final long FIRST_SAMPLE_TIMEOUT_SECONDS = 5;
    private static final long STALE_NANOS = 2_000_000_000L;

    @Parameters(arity = "0..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = "--format", description = FormatHelp.TABLE)
    String format = "";

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result")
    boolean noStream;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    boolean noTrunc;

    /** One container's latest sample, or its error; written by its collector thread. */
    private static final class Collector {
        final String container;
        final CountDownLatch first = new CountDownLatch(1);
        volatile StatsEntry entry;
        volatile long sampledAt = System.nanoTime();
        volatile String error;
        volatile boolean gone;

        Collector(String container) {
            this.container = container;
            this.entry = StatsEntry.invalid(container);
        }
    }

    private final Map<String, Collector> collectors = new LinkedHashMap<>();

    @Override
    Usage usage() {
        return new Usage("[OPTIONS] [CONTAINER...]", 0, -1);
    }

    @Override
    String aliases() {
        return "barge container stats, barge stats";
    }

    @Override
    int run() throws Exception {
        boolean showAll = containers.isEmpty();
        cli.client().apiVersion(); // negotiate once, before the collectors share the client
        if (showAll) {
            for (String id : listed()) start(id);
        } else {
            for (String name : containers) start(name);
        }
        awaitFirstSamples();
        if (!showAll) {
            List<String> errors = new ArrayList<>();
            for (Collector c : snapshot()) if (c.error != null) errors.add(c.error);
            if (!errors.isEmpty()) throw new StatusException(1, String.join("\n", errors));
        }
        while (true) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Collector c : snapshot()) rows.add(current(c).row(!noTrunc));
            String f = format.isEmpty() ? cli.config().statsFormat().orElse("") : format;
            String table = Listing.render(f, TABLE, rows, TITLES, Listing.Context.STATS);
            cli.out.print(noStream ? table : redrawn(table));
            cli.out.flush();
            if (noStream || snapshot().isEmpty() && !showAll) return 0;
            Thread.sleep(500);
            if (showAll) refresh();
        }
    }

    /**
     * docker 28's frame, byte for byte: cursor home and the table, then (it appends to the buffer
     * it splits) every line of that again with an erase-to-end-of-line, then erase below.
     */
    static String redrawn(String table) {
        StringBuilder frame = new StringBuilder("\033[H").append(table);
        String[] lines = frame.toString().split("\n", -1);
        for (String line : lines) frame.append(line).append(" \033[K\n");
        return frame.append("\033[J").toString();
    }

    /** docker zeroes a container's figures when no sample came for two seconds (it stopped, or the stream ended). */
    private StatsEntry current(Collector c) {
        boolean stale = !noStream && System.nanoTime() - c.sampledAt > STALE_NANOS;
        return stale ? c.entry.reset() : c.entry;
    }

    private List<String> listed() {
        List<String> ids = new ArrayList<>();
        for (JsonNode c : cli.client().json(Request.get("/containers/json").query("all", all))) ids.add(Units.shortId(c.path("Id").asText()));
        return ids;
    }

    /** Follows containers that start and stop, as docker does with its event stream. */
    private void refresh() {
        List<String> now = listed();
        synchronized (collectors) {
            collectors.values().removeIf(c -> !now.contains(c.container) || c.gone && !all);
        }
        for (String id : now) {
            boolean known;
            synchronized (collectors) {
                known = collectors.containsKey(id);
            }
            if (!known) start(id);
        }
    }

    private List<Collector> snapshot() {
        synchronized (collectors) {
            return new ArrayList<>(collectors.values());
        }
    }

    private void awaitFirstSamples() throws InterruptedException {
        for (Collector c : snapshot()) {
            if (!c.first.await(FIRST_SAMPLE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) c.error = "timeout waiting for stats";
        }
    }

    private void start(String container) {
        Collector c = new Collector(container);
        synchronized (collectors) {
            if (collectors.putIfAbsent(container, c) != null) return;
        }
        Thread.ofVirtual().start(() -> collect(c));
    }

    private void collect(Collector c) {
        Request r = Request.get("/containers/" + Request.segment(c.container) + "/stats").query("stream", noStream ? "0" : "1");
        try (Response response = cli.client().call(r)) {
            Iterator<JsonNode> samples = response.jsonStream();
            while (samples.hasNext()) {
                c.entry = StatsEntry.of(c.container, samples.next());
                c.sampledAt = System.nanoTime();
                c.first.countDown();
                if (noStream) break;
            }
            c.gone = true;
        } catch (EngineException e) {
            c.error = "Error response from daemon: " + e.getMessage();
            c.entry = StatsEntry.invalid(c.container);
        } catch (RuntimeException e) {
            c.error = String.valueOf(e.getMessage());
            c.entry = StatsEntry.invalid(c.container);
        } finally {
            c.first.countDown();
        }
    }
}
