package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.ConnectionFailedException;
import dev.barge.client.EngineClient;
import dev.barge.client.EngineException;
import dev.barge.client.Request;
import dev.barge.template.Func;
import dev.barge.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;

@Command(name = "version", description = "Show the Docker version information")
final class VersionCommand extends BaseCommand {
    /** docker/cli's defaultVersionTemplate, run through tabwriter(20, 1, 1). */
    private static final String TEMPLATE = """
            {{with .Client -}}
            Client:{{if ne .Platform nil}}{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}{{end}}
             Version:\t{{.Version}}
             API version:\t{{.APIVersion}}{{if ne .APIVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
             Go version:\t{{.GoVersion}}
             Git commit:\t{{.GitCommit}}
             Built:\t{{.BuildTime}}
             OS/Arch:\t{{.Os}}/{{.Arch}}
             Context:\t{{.Context}}
            {{- end}}

            {{- if .ServerOK}}{{with .Server}}

            Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
             {{- range $component := .Components}}
             {{$component.Name}}:
              {{- if eq $component.Name "Engine" }}
              Version:\t{{.Version}}
              API version:\t{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
              Go version:\t{{index .Details "GoVersion"}}
              Git commit:\t{{index .Details "GitCommit"}}
              Built:\t{{index .Details "BuildTime"}}
              OS/Arch:\t{{index .Details "Os"}}/{{index .Details "Arch"}}
              Experimental:\t{{index .Details "Experimental"}}
              {{- else }}
              Version:\t{{$component.Version}}
              {{- $detailsOrder := getDetailsOrder $component}}
              {{- range $key := $detailsOrder}}
              {{$key}}:\t{{index $component.Details $key}}
               {{- end}}
              {{- end}}
             {{- end}}
             {{- end}}{{- end}}""";

    @Option(names = {"-f", "--format"}, description = FormatHelp.PLAIN)
    String format = "";

    @Override
    int run() {
        EngineClient client = cli.client();
        Object server = null;
        RuntimeException failure = null;
        String apiVersion = EngineClient.MAX_API_VERSION;
        try {
            // /version first: its answer settles the API version without a /_ping round trip
            server = withEngineBuildTimeFormatted(client.json(Request.get("/version")));
            apiVersion = client.apiVersion();
        } catch (ConnectionFailedException | EngineException | java.io.UncheckedIOException e) {
            failure = e;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Client", clientInfo(apiVersion));
        // without a daemon, .Server.X prints nothing, as on docker's nil *Version
        data.put("Server", server != null ? server : new Listing.Header(Map.of()));
        boolean ok = server != null;
        data.put("ServerOK", (Func) args -> ok);
        String text = format.isEmpty() ? TEMPLATE : format.equals("json") ? "{{json .}}" : format;
        Template t;
        try {
            t = Template.parse(text, Map.of("getDetailsOrder", VersionCommand::detailsOrder));
        } catch (dev.barge.template.TemplateException e) {
            // docker's version template is named "version"; a bad one is its cli.StatusError 64
            throw new StatusException(64, "template parsing error: "
                    + e.getMessage().replaceFirst("^template: :", "template: version:"));
        }
        String output;
        try {
            // docker's version context is its versionInfo struct, in a template named "version"
            output = t.execute(Listing.struct(typed(data), "system.versionInfo"));
        } catch (dev.barge.template.TemplateException e) {
            cli.out.println();
            throw new StatusException(1, e.getMessage().replaceFirst("^template: :", "template: version:")
                    .replaceFirst("executing \"\"", "executing \"version\""));
        }
        cli.out.print(new TabWriter(20, 1).format(output + "\n"));
        if (failure == null) return 0;
        throw failure instanceof EngineException ee ? ee : failure;
    }

    /** Client and Server as docker's structs (system.clientVersion, *types.Version): unknown fields are errors. */
    private static Map<String, Object> typed(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>(data);
        if (data.get("Client") instanceof Map<?, ?> client) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) client;
            out.put("Client", Listing.struct(fields, "system.clientVersion"));
        }
        if (data.get("Server") instanceof JsonNode server && server.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            server.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
            out.put("Server", Listing.struct(fields, "*types.Version"));
        }
        return out;
    }

    /** docker shows the Engine component's BuildTime as time.ANSIC in local time ("Mon Nov 23 15:37:22 2026"). */
    static JsonNode withEngineBuildTimeFormatted(JsonNode version) {
        for (JsonNode component : version.path("Components")) {
            if (component.path("Name").asText().equals("Engine")
                    && component.path("Details") instanceof com.fasterxml.jackson.databind.node.ObjectNode details
                    && details.hasNonNull("BuildTime")) {
                details.put("BuildTime", ansic(details.get("BuildTime").asText()));
            }
        }
        return version;
    }

    /** Go's time.ANSIC ("Mon Jan _2 15:04:05 2006") of an RFC 3339 time; other text unchanged, as docker's reformatDate. */
    static String ansic(String rfc3339) {
        var utc = Times.utcAnsic(rfc3339);
        if (utc.isPresent()) return utc.get();
        try {
            var t = java.time.OffsetDateTime.parse(rfc3339).atZoneSameInstant(java.time.ZoneId.systemDefault());
            // by hand: a DateTimeFormatter pattern costs more start-up than the whole command
            String day = t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT);
            String month = t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT);
            int d = t.getDayOfMonth();
            return day + " " + month + " " + (d < 10 ? " " + d : d) + " " + two(t.getHour()) + ":" + two(t.getMinute())
                    + ":" + two(t.getSecond()) + " " + t.getYear();
        } catch (java.time.format.DateTimeParseException e) {
            return rfc3339;
        }
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    static Map<String, Object> clientInfo(String apiVersion) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Platform", Map.of("Name", ""));
        c.put("Version", Version.BARGE);
        c.put("ApiVersion", apiVersion);
        c.put("APIVersion", (Func) args -> apiVersion);
        c.put("DefaultAPIVersion", EngineClient.MAX_API_VERSION);
        c.put("GitCommit", Version.COMMIT);
        c.put("GoVersion", "java" + Runtime.version().feature());
        c.put("Os", "linux");
        c.put("Arch", arch());
        c.put("BuildTime", Version.BUILT);
        c.put("Context", "default");
        return c;
    }

    static String arch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> a;
        };
    }

    private static Object detailsOrder(List<Object> args) {
        Object component = args.getFirst();
        List<String> keys = new ArrayList<>();
        if (component instanceof Map<?, ?> m && m.get("Details") instanceof JsonNode details) {
            details.fieldNames().forEachRemaining(keys::add);
        } else if (component instanceof Map<?, ?> m && m.get("Details") instanceof Map<?, ?> details) {
            details.keySet().forEach(k -> keys.add(String.valueOf(k)));
        }
        keys.sort(null);
        return keys;
    }
}
