package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.EngineException;
import dev.barge.client.Request;
import dev.barge.template.Template;
import dev.barge.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", description = "Return low-level information on Docker objects")
final class InspectCommand extends BaseCommand {
    enum Kind { ANY, CONTAINER, IMAGE }

    private final Kind kind;

    @Parameters(arity = "1..*", paramLabel = "NAME|ID")
    List<String> names;

    @Option(names = {"-f", "--format"}, description = "Format output using a custom template")
    String format = "";

    @Option(names = "--type", description = "Only inspect objects of the given type")
    String type = "";

    @Option(names = {"-s", "--size"}, description = "Display total file sizes if the type is container")
    boolean size;

    InspectCommand(Kind kind) {
        this.kind = kind;
    }

    @Override
    int run() {
        Kind k = switch (type) {
            case "" -> kind;
            case "container" -> Kind.CONTAINER;
            case "image" -> Kind.IMAGE;
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
            }
        }
        print(found);
        errors.forEach(cli.err::println);
        return errors.isEmpty() ? 0 : 1;
    }

    private Optional<JsonNode> find(Kind k, String name) {
        if (k != Kind.IMAGE) {
            try {
                return Optional.of(cli.client().json(Request.get("/containers/" + Request.segment(name) + "/json")
                        .query("size", size)));
            } catch (EngineException e) {
                if (e.status() != 404 || k == Kind.CONTAINER) throw e;
            }
        }
        try {
            return Optional.of(cli.client().json(Request.get("/images/" + Request.segment(name) + "/json")));
        } catch (EngineException e) {
            if (e.status() == 404 && k == Kind.ANY) return Optional.empty();
            throw e;
        }
    }

    private void print(List<JsonNode> found) {
        if (format.isEmpty()) {
            cli.out.println(IndentedJson.array(found));
            return;
        }
        String f = format.equals("json") ? "{{json .}}" : format;
        Template t = Listing.parse(f);
        for (JsonNode n : found) {
            try {
                cli.out.println(t.execute(n));
            } catch (TemplateException e) {
                throw new StatusException(1, e.getMessage());
            }
        }
    }
}
