package dev.barge.cli;

/** Docker's help text of --format (cli/flags' FormatHelp), for the flag annotations. */
final class FormatHelp {
    /** Listings that print tables. */
    static final String TABLE = "Format output using a custom template:\n"
            + "'table':            Print output in table format with column headers (default)\n"
            + "'table TEMPLATE':   Print output in table format using the given Go template\n"
            + "'json':             Print in JSON format\n"
            + "'TEMPLATE':         Print output using the given Go template.\n"
            + "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

    /** inspect, version, info, events: no table. */
    static final String PLAIN = "Format output using a custom template:\n"
            + "'json':             Print in JSON format\n"
            + "'TEMPLATE':         Print output using the given Go template.\n"
            + "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

    private FormatHelp() {}
}
