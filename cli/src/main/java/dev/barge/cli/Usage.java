package dev.barge.cli;

/**
 * Docker's usage line and argument-count rule of each command, for its usage errors:
 * "'docker stop' requires at least 1 argument", "unknown flag: --x" followed by the usage line.
 */
record Usage(String arguments, int min, int max) {
    static Usage of(BaseCommand command) {
        Usage own = command.usage();
        if (own != null) return own;
        return switch (command) {
            case AttachCommand c -> new Usage("[OPTIONS] CONTAINER", 1, 1);
            case CreateCommand c -> new Usage("[OPTIONS] IMAGE [COMMAND] [ARG...]", 1, -1);
            case RunCommand c -> new Usage("[OPTIONS] IMAGE [COMMAND] [ARG...]", 1, -1);
            case ExecCommand c -> new Usage("[OPTIONS] CONTAINER COMMAND [ARG...]", 2, -1);
            case HistoryCommand c -> new Usage("[OPTIONS] IMAGE", 1, 1);
            case ImagesCommand c -> new Usage("[OPTIONS] [REPOSITORY[:TAG]]", 0, 1);
            case ImportCommand c -> new Usage("[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", 1, -1);
            case InspectCommand c -> new Usage("[OPTIONS] NAME|ID [NAME|ID...]", 1, -1);
            case KillCommand c -> new Usage("[OPTIONS] CONTAINER [CONTAINER...]", 1, -1);
            case LogsCommand c -> new Usage("[OPTIONS] CONTAINER", 1, 1);
            case PauseCommand c -> new Usage("CONTAINER [CONTAINER...]", 1, -1);
            case RenameCommand c -> new Usage("CONTAINER NEW_NAME", 2, 2);
            case RestartCommand c -> new Usage("[OPTIONS] CONTAINER [CONTAINER...]", 1, -1);
            case RmCommand c -> new Usage("[OPTIONS] CONTAINER [CONTAINER...]", 1, -1);
            case RmiCommand c -> new Usage("[OPTIONS] IMAGE [IMAGE...]", 1, -1);
            case SaveCommand c -> new Usage("[OPTIONS] IMAGE [IMAGE...]", 1, -1);
            case StartCommand c -> new Usage("[OPTIONS] CONTAINER [CONTAINER...]", 1, -1);
            case StopCommand c -> new Usage("[OPTIONS] CONTAINER [CONTAINER...]", 1, -1);
            case TagCommand c -> new Usage("SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", 2, 2);
            case PortCommand c -> new Usage("CONTAINER [PRIVATE_PORT[/PROTO]]", 1, 2);
            case TopCommand c -> new Usage("CONTAINER [ps OPTIONS]", 1, -1);
            case WaitCommand c -> new Usage("CONTAINER [CONTAINER...]", 1, -1);
            // transfer commands
            case CpCommand c -> new Usage("[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tbarge cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH", 2, 2);
            case DiffCommand c -> new Usage("CONTAINER", 1, 1);
            case ExportCommand c -> new Usage("[OPTIONS] CONTAINER", 1, 1);
            case CommitCommand c -> new Usage("[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", 1, 2);
            case UpdateCommand c -> new Usage("[OPTIONS] CONTAINER [CONTAINER...]", 1, -1);
            case PullCommand c -> new Usage("[OPTIONS] NAME[:TAG|@DIGEST]", 1, 1);
            case PushCommand c -> new Usage("[OPTIONS] NAME[:TAG]", 1, 1);
            case LoginCommand c -> new Usage("[OPTIONS] [SERVER]", 0, 1);
            case LogoutCommand c -> new Usage("[SERVER]", 0, 1);
            case SearchCommand c -> new Usage("[OPTIONS] TERM", 1, 1);
            case BuildCommand c -> new Usage("[OPTIONS] PATH | URL | -", 1, 1);
            case BuilderPruneCommand c -> new Usage("", 0, 0);
            default -> new Usage("[OPTIONS]", 0, 0);
        };
    }

    /** The usage line after "Usage:  ": the command, then its arguments if it takes any. */
    String line(String command) {
        return arguments.isEmpty() ? command : command + " " + arguments;
    }

    /** cobra's argument rules, worded as docker/cli's cli.RequiresMinArgs and friends. */
    String countError(String command) {
        String quoted = "'" + command + "'";
        if (max == 0) return quoted + " accepts no arguments";
        if (min == max) return quoted + " requires " + plural(min);
        if (max < 0) return quoted + " requires at least " + plural(min);
        if (min == 0) return quoted + " requires at most " + plural(max);
        return quoted + " requires at least " + min + " and at most " + plural(max);
    }

    /** How the error's last line begins: docker's rules differ, down to RequiresMaxArgs' "SRun" typo. */
    String helpVerb() {
        if (max == 0 || min == max) return "Run";
        if (max < 0) return "See";
        if (min == 0) return "SRun";
        return "See";
    }

    private static String plural(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }
}
