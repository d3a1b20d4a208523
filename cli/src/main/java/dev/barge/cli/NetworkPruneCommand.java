package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import java.util.ArrayList;
import java.util.List;

@Command(name = "prune", description = "Remove all unused networks")
final class NetworkPruneCommand extends PruneCommand {
    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filters = new ArrayList<>();

    @Override
    int run() throws Exception {
        var f = Filters.parse(filters, "--filter");
        if (!confirmed("WARNING! This will remove all custom networks not used by at least one container.\n"
                + "Are you sure you want to continue?")) {
            return 0;
        }
        print(networks(cli, f));
        return 0;
    }
}
