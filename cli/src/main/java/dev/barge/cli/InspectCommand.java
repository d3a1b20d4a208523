package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.EngineException;
import dev.barge.client.Request;
import dev.barge.template.Template;
import dev.barge.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "inspect", description = "Return low-level information on Docker objects")
final class InspectCommand extends BaseCommand {
    enum Kind { ANY, CONTAINER, IMAGE, NETWORK, VOLUME }

    private final Kind kind;

    @Parameters(arity = "1..*", paramLabel = "NAME|ID")
    List<String> names;

    @Option(names = {"-f", "--format"}, description = FormatHelp.PLAIN)
    String format = "";

    @Option(names = "--type", description = "Only inspect objects of the given type")
    String type = "";

    @Option(names = {"-s", "--size"}, description = "Display total file sizes if the type is container")
    boolean size;

    @Override
    String description() {
        return switch (kind) {
            case CONTAINER -> "Display detailed information on one or more containers";
            case IMAGE -> "Display detailed information on one or more images";
            default -> null;
        };
    }

    InspectCommand(Kind kind) {
        this.kind = kind;
    }

    @Override
    int run() {
        Kind k = switch (type) {
            case "" -> kind;
            case "container" -> Kind.CONTAINER;
            case "image" -> Kind.IMAGE;
            case "network" -> Kind.NETWORK;
            case "volume" -> Kind.VOLUME;
            default -> throw new StatusException(1, "\"" + type + "\" is not a valid value for --type");
        };
        List<JsonNode> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                Optional<JsonNode> n = find(k, name);
                if (n.isPresent()) {
                    found.add(n.get());
                } else {
                    errors.add("Error: No such object: " + name);
                }
            } catch (EngineException e) {
                errors.add((e.status() == 404 && k == Kind.ANY ? "Error: " : "Error response from daemon: ")
                        + e.getMessage());
            } catch (dev.barge.client.ConnectionFailedException e) {
                errors.add(e.getMessage());
                break;
            }
        }
        print(cli, format, found);
        errors.forEach(cli.err::println);
        return errors.isEmpty() ? 0 : 1;
    }

    /** Tries each kind in docker's order; only a 404 moves on to the next. */
    private Optional<JsonNode> find(Kind k, String name) {
        String n = Request.segment(name);
        List<Kind> kinds = k == Kind.ANY ? List.of(Kind.CONTAINER, Kind.IMAGE, Kind.NETWORK, Kind.VOLUME) : List.of(k);
        for (Kind kind : kinds) {
            Request r = switch (kind) {
                case CONTAINER -> Request.get("/containers/" + n + "/json").query("size", size);
                case IMAGE -> Request.get("/images/" + n + "/json");
                case NETWORK -> Request.get("/networks/" + n);
                case VOLUME, ANY -> Request.get("/volumes/" + n);
            };
            try {
                return Optional.of(cli.client().json(r));
            } catch (EngineException e) {
                if (e.status() != 404 || k != Kind.ANY) throw e;
            }
        }
        return Optional.empty();
    }

    /** The answer as the Go type docker decodes it into, told apart by its fields. */
    private static Object typed(JsonNode n) {
        if (n.has("State") && n.has("HostConfig")) return GoShapes.typed(n, "Container");
        if (n.has("RepoTags") || n.has("RootFS")) return GoShapes.typed(n, "Image");
        if (n.has("IPAM") && n.has("Containers")) return GoShapes.typed(n, "Network");
        if (n.has("Mountpoint")) return GoShapes.typed(n, "Volume");
        return n;
    }

    /** docker's inspect.Inspect output: an indented JSON array, or the template once per object. */
    static void print(Cli cli, String format, List<JsonNode> found) {
        if (format.isEmpty()) {
            cli.out.println(IndentedJson.array(found));
            return;
        }
        if (format.equals("json")) { // docker's JSON inspector, not the {{json .}} template
            cli.out.println(IndentedJson.compactArray(found));
            return;
        }
        String f = format.equals("json") ? "{{json .}}" : format;
        // docker falls back to the raw JSON with missingkey=error when its typed structs lack a field
        if (found.isEmpty()) {
            cli.out.println(); // docker's template inspector flushes a newline when it printed nothing
            return;
        }
        Template t;
        try {
            t = Template.parse(f).missingKeyError();
        } catch (TemplateException e) {
            // docker inspect's own exit code for a template it cannot parse
            throw new StatusException(64, "template parsing error: " + e.getMessage());
        }
        for (JsonNode n : found) {
            try {
                cli.out.println(t.execute(typed(n)));
            } catch (TemplateException e) {
                cli.out.println(); // docker flushes its (empty) output before the error
                throw new StatusException(1, "template parsing error: " + e.getMessage());
            }
        }
    }
}
