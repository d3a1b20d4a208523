package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import dev.barge.client.Response;
import dev.barge.template.Template;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;

@Command(name = "events", description = "Get real time events from the server")
final class EventsCommand extends BaseCommand {
    @Option(names = "--since", description = "Show all events created since timestamp")
    String since;

    @Option(names = "--until", description = "Stream events until this timestamp")
    String until;

    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", description = FormatHelp.PLAIN)
    String format = "";

    @Override
    int run() {
        Request r = Request.get("/events");
        if (since != null) r = r.query("since", TimeArg.timestamp(since, cli.now()));
        if (until != null) r = r.query("until", TimeArg.timestamp(until, cli.now()));
        if (!filters.isEmpty()) r = r.query("filters", Filters.json(filters));
        Template t;
        try {
            t = format.isEmpty() ? null : dev.barge.template.Template.parse(format.equals("json") ? "{{json .}}" : format);
        } catch (dev.barge.template.TemplateException e) {
            throw new StatusException(64, "Error parsing format: " + e.getMessage());
        }
        if (t != null) validate(t);
        try (Response response = cli.client().call(r)) {
            Iterator<JsonNode> events = response.jsonStream();
            while (events.hasNext()) {
                JsonNode e = events.next();
                cli.out.println(t == null ? pretty(e) : formatted(t, e));
                cli.out.flush();
            }
        }
        return 0;
    }

    /** docker tries the format on an empty events.Message first: a bad field fails even with no events. */
    private static void validate(Template t) {
        Map<String, Object> blank = new java.util.LinkedHashMap<>();
        for (String f : List.of("status", "id", "from", "Type", "Action", "scope", "time", "timeNano")) blank.put(f, "");
        blank.put("Actor", Listing.struct(new java.util.LinkedHashMap<>(Map.of("ID", "", "Attributes", Map.of())), "events.Actor"));
        try {
            t.execute(Listing.struct(blank, "*events.Message"));
        } catch (dev.barge.template.TemplateException x) {
            throw new StatusException(64, "Error parsing format: " + x.getMessage());
        }
    }

    /** An event is Docker's events.Message struct: an unknown field is an error, exit 64 as docker's. */
    private static String formatted(Template t, JsonNode e) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        e.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
        if (e.path("Actor").isObject()) {
            Map<String, Object> actor = new java.util.LinkedHashMap<>();
            e.get("Actor").fields().forEachRemaining(f -> actor.put(f.getKey(), f.getValue()));
            fields.put("Actor", Listing.struct(actor, "events.Actor"));
        }
        try {
            return t.execute(Listing.struct(fields, "*events.Message"));
        } catch (dev.barge.template.TemplateException x) {
            throw new StatusException(64, "Error parsing format: " + x.getMessage());
        }
    }

    /** events.prettyPrintEvent: time, type, action, actor ID and sorted attributes. */
    static String pretty(JsonNode e) {
        StringBuilder b = new StringBuilder();
        long nanos = e.path("timeNano").asLong();
        long seconds = e.path("time").asLong();
        if (nanos != 0) {
            b.append(Times.rfc3339NanoFixed(nanos)).append(' ');
        } else if (seconds != 0) {
            b.append(Times.rfc3339NanoFixed(seconds * 1_000_000_000L)).append(' ');
        }
        b.append(e.path("Type").asText()).append(' ').append(e.path("Action").asText()).append(' ')
                .append(e.path("Actor").path("ID").asText());
        JsonNode attrs = e.path("Actor").path("Attributes");
        if (!attrs.isEmpty()) {
            List<String> keys = new ArrayList<>();
            attrs.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            List<String> pairs = new ArrayList<>();
            for (String k : keys) pairs.add(k + "=" + attrs.get(k).asText());
            b.append(" (").append(String.join(", ", pairs)).append(')');
        }
        return b.toString();
    }
}
