package dev.barge.cli;

import java.util.concurrent.Callable;
import dev.barge.cli.args.Option;

/** A barge command: {@link dev.barge.cli.args.ArgParser} fills the flags, {@link #run()} does the work and returns the exit status. */
abstract class BaseCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    Cli cli;

    abstract int run() throws Exception;

    /** The help's description line; null: the {@code @Command} annotation's. */
    String description() {
        return null;
    }

    /** The usage line's arguments and argument counts; null: {@link Usage#of}'s table. */
    Usage usage() {
        return null;
    }

    /** cobra's "Aliases:" line; null: {@link Help#aliases}' rules. */
    String aliases() {
        return null;
    }

    /** Printed to stderr before the flags are even parsed (docker's legacy-builder notice for build). */
    String notice(java.util.Map<String, String> env) {
        return "";
    }

    /** run/create/start print errors as "barge: ..." and exit 125, as docker does. */
    boolean failsLikeRun() {
        return false;
    }

    /** run, create and exec take the command's own arguments after the first positional. */
    boolean stopsAtPositional() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        return run();
    }
}
