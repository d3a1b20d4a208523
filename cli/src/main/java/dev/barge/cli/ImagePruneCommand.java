package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import java.util.ArrayList;
import java.util.List;

@Command(name = "prune", description = "Remove unused images")
final class ImagePruneCommand extends PruneCommand {
    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones")
    boolean all;

    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filters = new ArrayList<>();

    @Override
    int run() throws Exception {
        var f = Filters.parse(filters, "--filter");
        String warning = all ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.";
        if (!confirmed(warning + "\nAre you sure you want to continue?")) return 0;
        Pruned p = images(cli, f, all);
        print(p);
        printTotal(p.reclaimed());
        return 0;
    }
}
