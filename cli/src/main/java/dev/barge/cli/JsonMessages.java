package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Response;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * jsonmessage.DisplayJSONMessagesStream. Not on a terminal: "stream" text as is, "status" lines
 * prefixed by their id, progress updates left out. On a terminal: one line per id, redrawn in place
 * (cursor up, clear line) with docker's progress bar. An "error" ends the stream as a failure;
 * "aux" objects go to the caller.
 */
final class JsonMessages {
    private JsonMessages() {}

    static void display(Response response, PrintStream out) {
        display(response, out, false, m -> {});
    }

    static void display(Response response, PrintStream out, boolean terminal, Consumer<JsonNode> aux) {
        String type = response.header("Content-Type").orElse("");
        if (!type.contains("json")) {
            out.print(response.text());
            return;
        }
        int width = terminal ? Terminal.size().map(s -> s[1]).orElse(200) : 200;
        Map<String, Integer> ids = new HashMap<>();
        Iterator<JsonNode> messages = response.jsonStream();
        try {
            while (messages.hasNext()) {
                JsonNode m = messages.next();
                if (m.hasNonNull("aux")) {
                    aux.accept(m.get("aux"));
                    continue;
                }
                String id = m.path("id").asText("");
                boolean hasProgress = m.has("progressDetail") && !m.get("progressDetail").isNull();
                String progressMessage = m.path("progress").asText("");
                int diff = 0;
                if (!id.isEmpty() && (hasProgress || !progressMessage.isEmpty())) {
                    Integer line = ids.get(id);
                    if (line == null) {
                        line = ids.size();
                        ids.put(id, line);
                        if (terminal) out.print("\n");
                    }
                    diff = ids.size() - line;
                    if (terminal && diff > 0) out.print("\u001b[" + diff + "A");
                } else {
                    // something that is not progress: earlier lines are no longer redrawn
                    ids.clear();
                }
                show(m, out, terminal, width, hasProgress, progressMessage);
                if (!id.isEmpty() && terminal && diff > 0) out.print("\u001b[" + diff + "B");
            }
        } finally {
            out.flush();
        }
    }

    /** JSONMessage.Display. */
    private static void show(JsonNode m, PrintStream out, boolean terminal, int width, boolean hasProgress,
                             String progressMessage) {
        if (m.hasNonNull("errorDetail") || m.hasNonNull("error")) {
            String message = m.path("errorDetail").path("message").asText(m.path("error").asText());
            throw new StreamError(message, m.path("errorDetail").path("code").asInt());
        }
        String stream = m.path("stream").asText("");
        String endl = "";
        String bar = hasProgress ? progress(m.get("progressDetail"), width) : "";
        if (terminal && stream.isEmpty() && hasProgress) {
            out.print("\u001b[2K");
            endl = "\r";
            out.print(endl);
        } else if (hasProgress && !bar.isEmpty()) {
            return; // no progress bars off a terminal
        }
        String id = m.path("id").asText("");
        if (!id.isEmpty()) out.print(id + ": ");
        String from = m.path("from").asText("");
        if (!from.isEmpty()) out.print("(from " + from + ") ");
        String status = m.path("status").asText("");
        if (hasProgress && terminal) {
            out.print(status + " " + bar + endl);
        } else if (!progressMessage.isEmpty()) {
            out.print(status + " " + progressMessage + endl);
        } else if (!stream.isEmpty()) {
            out.print(stream + endl);
        } else {
            out.print(status + endl + "\n");
        }
    }

    /** An "error" in the stream: docker exits with its code (1 when none), printing the message. */
    static final class StreamError extends RuntimeException {
        private final int code;

        StreamError(String message, int code) {
            super(message, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /** JSONProgress.String: "[====>   ]  1.2MB/3.4MB 2s". */
    static String progress(JsonNode p, int width) {
        long current = p.path("current").asLong();
        long total = p.path("total").asLong();
        String units = p.path("units").asText("");
        if (current <= 0 && total <= 0) return "";
        if (total <= 0) {
            return units.isEmpty() ? pad8(Units.humanSize(current)) : current + " " + units;
        }
        int percentage = (int) ((double) current / total * 100) / 2;
        if (percentage > 50) percentage = 50;
        String box = "";
        if (width > 110) {
            box = "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(0, 50 - percentage)) + "] ";
        }
        String numbers;
        if (p.path("hidecounts").asBoolean()) {
            numbers = "";
        } else if (units.isEmpty()) {
            numbers = current > total ? pad8(Units.humanSize(current))
                    : pad8(Units.humanSize(current)) + "/" + Units.humanSize(total);
        } else {
            numbers = current > total ? current + " " + units : current + "/" + total + " " + units;
        }
        String left = "";
        long start = p.path("start").asLong();
        if (current > 0 && start > 0 && percentage < 50) {
            long elapsedNanos = Math.max(0, System.currentTimeMillis() * 1_000_000 - start * 1_000_000_000L);
            long remaining = (total - current) * (elapsedNanos / current);
            left = " " + goDuration(Duration.ofNanos(remaining).plusMillis(500).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        return box + numbers + left;
    }

    private static String pad8(String s) {
        return s.length() >= 8 ? s : " ".repeat(8 - s.length()) + s;
    }

    /** Go's Duration.String for whole seconds: "0s", "45s", "1m5s", "2h0m1s". */
    private static String goDuration(Duration d) {
        long s = d.getSeconds();
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + (s % 60) + "s";
        return (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
    }
}
