package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

@Command(name = "prune", description = "Remove unused local volumes")
final class VolumePruneCommand extends PruneCommand {
    @Option(names = {"-a", "--all"}, description = "Remove all unused volumes, not just anonymous ones")
    boolean all;

    @Option(names = "--filter", description = "Provide filter values (e.g. \"label=<label>\")")
    List<String> filters = new ArrayList<>();

    @Override
    int run() throws Exception {
        var f = Filters.parse(filters, "--filter");
        if (all) {
            if (f.containsKey("all")) {
                throw new StatusException(1, "conflicting options: cannot specify both --all and --filter all=1");
            }
            f.computeIfAbsent("all", k -> new TreeMap<>()).put("true", true);
        }
        String warning = all ? "WARNING! This will remove all local volumes not used by at least one container."
                : "WARNING! This will remove anonymous local volumes not used by at least one container.";
        if (!confirmed(warning + "\nAre you sure you want to continue?")) return 0;
        Pruned p = volumes(cli, f);
        print(p);
        printTotal(p.reclaimed());
        return 0;
    }
}
