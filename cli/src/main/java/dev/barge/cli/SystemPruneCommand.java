package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import java.util.ArrayList;
import java.util.List;

@Command(name = "prune", description = "Remove unused data")
final class SystemPruneCommand extends PruneCommand {
    @Option(names = {"-a", "--all"}, description = "Remove all unused images not just dangling ones")
    boolean all;

    @Option(names = "--filter", description = "Provide filter values (e.g. \"label=<key>=<value>\")")
    List<String> filters = new ArrayList<>();

    @Option(names = "--volumes", description = "Prune anonymous volumes")
    boolean volumes;

    @Override
    int run() throws Exception {
        var f = Filters.parse(filters, "--filter");
        if (volumes && f.containsKey("until")) {
            throw new StatusException(1, "ERROR: The \"until\" filter is not supported with \"--volumes\"");
        }
        if (!confirmed(warning(f))) return 0;
        // each kind's report is printed as soon as it is pruned: a later kind's error (a filter
        // it refuses) leaves the earlier reports on screen, as docker's runPrune does
        long reclaimed = shown(containers(cli, f));
        reclaimed += shown(networks(cli, f));
        if (volumes) reclaimed += shown(volumes(cli, f));
        reclaimed += shown(images(cli, f, all));
        reclaimed += shown(buildCache(cli, f, all));
        printTotal(reclaimed);
        return 0;
    }

    private long shown(Pruned report) {
        print(report);
        return report.reclaimed();
    }

    /** docker's confirmationTemplate: what goes, then the filters it was given. */
    private String warning(java.util.Map<String, java.util.Map<String, Boolean>> f) {
        StringBuilder b = new StringBuilder("WARNING! This will remove:\n  - all stopped containers\n"
                + "  - all networks not used by at least one container\n");
        if (volumes) b.append("  - all anonymous volumes not used by at least one container\n");
        b.append(all ? "  - all images without at least one container associated to them\n" : "  - all dangling images\n");
        b.append(all ? "  - all build cache\n" : "  - unused build cache\n");
        if (!filters.isEmpty()) {
            b.append("\n  Items to be pruned will be filtered with:\n");
            f.forEach((k, values) -> values.keySet().forEach(v -> b.append("  - ").append(k).append('=').append(v).append('\n')));
        }
        return b.append("\nAre you sure you want to continue?").toString();
    }
}
