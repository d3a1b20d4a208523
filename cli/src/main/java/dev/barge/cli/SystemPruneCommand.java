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
        long reclaimed = 0;
        List<Pruned> reports = new ArrayList<>();
        reports.add(containers(cli, f));
        reports.add(networks(cli, f));
        if (volumes) reports.add(volumes(cli, f));
        reports.add(images(cli, f, all));
        reports.add(buildCache(cli, f, all));
        for (Pruned p : reports) {
            print(p);
            reclaimed += p.reclaimed();
        }
        printTotal(reclaimed);
        return 0;
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
