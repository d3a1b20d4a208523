package dev.barge.cli;

import dev.barge.client.EngineException;
import java.util.List;
import java.util.function.Consumer;

/** Verbs over several containers: each one's name is echoed on success, errors are printed and the rest go on. */
final class EachContainer {
    private EachContainer() {}

    static int apply(Cli cli, List<String> names, Consumer<String> action) {
        int status = 0;
        for (String name : names) {
            try {
                action.accept(name);
                cli.out.println(name);
            } catch (EngineException e) {
                cli.err.println("Error response from daemon: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    static String path(String name) {
        return "/containers/" + dev.barge.client.Request.segment(name);
    }
}
