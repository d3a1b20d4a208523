package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.ConnectionFailedException;
import dev.barge.client.Request;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;

@Command(name = "info", description = "Display system-wide information")
final class InfoCommand extends BaseCommand {
    @Option(names = {"-f", "--format"}, description = FormatHelp.PLAIN)
    String format = "";

    @Override
    int run() {
        if (!format.isEmpty()) {
            JsonNode info = cli.client().json(Request.get("/info"));
            Map<String, Object> data = new LinkedHashMap<>();
            info.properties().forEach(e -> data.put(e.getKey(), e.getValue()));
            if (info.get("RegistryConfig") instanceof JsonNode registry) data.put("RegistryConfig", sorted(registry));
            data.put("ClientInfo", clientInfo());
            String f = format.equals("json") ? "{{json .}}" : format;
            dev.barge.template.Template template;
            try {
                template = dev.barge.template.Template.parse(f.replace("\\t", "\t").replace("\\n", "\n"));
            } catch (dev.barge.template.TemplateException e) {
                throw new StatusException(64, "template parsing error: " + e.getMessage()); // docker's cli.StatusError
            }
            try {
                // docker's info context is its dockerInfo struct: an unknown field is an error
                cli.out.println(template.execute(Listing.struct(data, "system.dockerInfo")));
            } catch (dev.barge.template.TemplateException e) {
                cli.out.println(); // docker ends its (empty) output before the error
                throw new StatusException(1, e.getMessage());
            }
            return 0;
        }
        PrintStream o = cli.out;
        o.println("Client:");
        o.println(" Version:    " + Version.BARGE);
        o.println(" Context:    default");
        o.println(" Debug Mode: " + cli.globals.debug());
        o.println();
        o.println("Server:");
        JsonNode info;
        try {
            info = cli.client().json(Request.get("/info"));
        } catch (ConnectionFailedException e) {
            throw new StatusException(1, e.getMessage());
        }
        server(o, info);
        for (JsonNode w : info.path("Warnings")) cli.err.println(w.asText());
        return 0;
    }

    static void server(PrintStream o, JsonNode i) {
        o.println(" Containers: " + i.path("Containers").asLong());
        o.println("  Running: " + i.path("ContainersRunning").asLong());
        o.println("  Paused: " + i.path("ContainersPaused").asLong());
        o.println("  Stopped: " + i.path("ContainersStopped").asLong());
        o.println(" Images: " + i.path("Images").asLong());
        nonEmpty(o, " Server Version:", i.path("ServerVersion"));
        nonEmpty(o, " Storage Driver:", i.path("Driver"));
        for (JsonNode pair : i.path("DriverStatus")) o.println("  " + pair.path(0).asText() + ": " + pair.path(1).asText());
        nonEmpty(o, " Logging Driver:", i.path("LoggingDriver"));
        nonEmpty(o, " Cgroup Driver:", i.path("CgroupDriver"));
        nonEmpty(o, " Cgroup Version:", i.path("CgroupVersion"));
        JsonNode plugins = i.path("Plugins");
        o.println(" Plugins:");
        o.println("  Volume: " + joined(plugins.path("Volume")));
        o.println("  Network: " + joined(plugins.path("Network")));
        if (!plugins.path("Authorization").isEmpty()) o.println("  Authorization: " + joined(plugins.path("Authorization")));
        o.println("  Log: " + joined(plugins.path("Log")));
        o.println(" Swarm: " + i.path("Swarm").path("LocalNodeState").asText("inactive"));
        if (!i.path("Runtimes").isEmpty()) {
            List<String> names = new ArrayList<>();
            i.path("Runtimes").fieldNames().forEachRemaining(names::add);
            o.println(" Runtimes: " + String.join(" ", names));
            o.println(" Default Runtime: " + i.path("DefaultRuntime").asText());
        }
        if (i.path("OSType").asText().equals("linux")) {
            o.println(" Init Binary: " + i.path("InitBinary").asText());
            o.println(" containerd version: " + i.path("ContainerdCommit").path("ID").asText());
            o.println(" runc version: " + i.path("RuncCommit").path("ID").asText());
            o.println(" init version: " + i.path("InitCommit").path("ID").asText());
            securityOptions(o, i.path("SecurityOptions"));
        }
        nonEmpty(o, " Kernel Version:", i.path("KernelVersion"));
        nonEmpty(o, " Operating System:", i.path("OperatingSystem"));
        nonEmpty(o, " OSType:", i.path("OSType"));
        nonEmpty(o, " Architecture:", i.path("Architecture"));
        o.println(" CPUs: " + i.path("NCPU").asLong());
        o.println(" Total Memory: " + Units.bytesSize(i.path("MemTotal").asLong()));
        nonEmpty(o, " Name:", i.path("Name"));
        nonEmpty(o, " ID:", i.path("ID"));
        o.println(" Docker Root Dir: " + i.path("DockerRootDir").asText());
        o.println(" Debug Mode: " + i.path("Debug").asBoolean());
        nonEmpty(o, " HTTP Proxy:", i.path("HttpProxy"));
        nonEmpty(o, " HTTPS Proxy:", i.path("HttpsProxy"));
        nonEmpty(o, " No Proxy:", i.path("NoProxy"));
        if (!i.path("Labels").isEmpty()) {
            o.println(" Labels:");
            for (JsonNode l : i.path("Labels")) o.println("  " + l.asText());
        }
        o.println(" Experimental: " + i.path("ExperimentalBuild").asBoolean());
        registries(o, i.path("RegistryConfig"));
        o.println(" Live Restore Enabled: " + i.path("LiveRestoreEnabled").asBoolean());
        o.println();
    }

    private static void securityOptions(PrintStream o, JsonNode options) {
        if (options.isEmpty()) return;
        o.println(" Security Options:");
        for (JsonNode opt : options) {
            for (String kv : opt.asText().split(",")) {
                int eq = kv.indexOf('=');
                String key = eq < 0 ? kv : kv.substring(0, eq);
                String value = eq < 0 ? "" : kv.substring(eq + 1);
                if (key.equals("name")) o.println("  " + value);
                if (key.equals("profile")) o.println("   Profile: " + value);
            }
        }
    }

    private static void registries(PrintStream o, JsonNode config) {
        List<String> insecure = new ArrayList<>();
        config.path("IndexConfigs").forEach(c -> {
            if (!c.path("Secure").asBoolean(true)) insecure.add(c.path("Name").asText());
        });
        for (JsonNode cidr : config.path("InsecureRegistryCIDRs")) {
            if (cidr.isTextual()) {
                insecure.add(cidr.asText());
                continue;
            }
            byte[] mask = Base64.getDecoder().decode(cidr.path("Mask").asText(""));
            int bits = 0;
            for (byte b : mask) bits += Integer.bitCount(b & 0xff);
            insecure.add(cidr.path("IP").asText() + "/" + bits);
        }
        if (!insecure.isEmpty()) {
            o.println(" Insecure Registries:");
            insecure.forEach(r -> o.println("  " + r));
        }
        if (!config.path("Mirrors").isEmpty()) {
            o.println(" Registry Mirrors:");
            config.path("Mirrors").forEach(m -> o.println("  " + m.asText()));
        }
    }

    private static void nonEmpty(PrintStream o, String label, JsonNode v) {
        String s = v.isMissingNode() || v.isNull() ? "" : v.asText();
        if (!s.isEmpty()) o.println(label + " " + s);
    }

    private static String joined(JsonNode list) {
        List<String> parts = new ArrayList<>();
        list.forEach(n -> parts.add(n.asText()));
        return String.join(" ", parts);
    }

    /** docker's ClientInfo, in its field order. */
    private Map<String, Object> clientInfo() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Debug", cli.globals.debug());
        Map<String, Object> version = VersionCommand.clientInfo(dev.barge.client.EngineClient.MAX_API_VERSION);
        for (String k : java.util.List.of("Version", "DefaultAPIVersion", "GitCommit", "GoVersion", "Os", "Arch", "BuildTime", "Context")) {
            c.put(k, version.get(k));
        }
        c.put("Plugins", java.util.List.of());
        c.put("Warnings", null);
        return c;
    }

    /** docker re-encodes RegistryConfig through maps: its keys come out sorted, at every level. */
    private static Object sorted(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new java.util.TreeMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), sorted(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            java.util.List<Object> l = new java.util.ArrayList<>();
            n.forEach(e -> l.add(sorted(e)));
            return l;
        }
        return n;
    }
}
