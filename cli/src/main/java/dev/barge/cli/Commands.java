package dev.barge.cli;

import java.util.Optional;

/**
 * Command names to classes, top-level and under container/image/system, as docker names them.
 * A switch rather than a map of constructors: only the chosen command's class is loaded.
 */
final class Commands {
    private Commands() {}

    static boolean isGroup(String name) {
        return name.equals("container") || name.equals("image") || name.equals("system")
                || name.equals("network") || name.equals("volume")
                || name.equals("builder");
    }

    static Optional<BaseCommand> create(String group, String name) {
        if ("network".equals(group) || "volume".equals(group)) return Optional.ofNullable(networkOrVolume(group, name));
        String key = group == null ? name : switch (group + " " + name) {
            case "container ls", "container list", "container ps" -> "ps";
            case "container inspect" -> "container-inspect";
            case "container prune" -> "container-prune";
            case "container remove" -> "rm";
            case "image ls", "image list" -> "images";
            case "image rm", "image remove" -> "rmi";
            case "image inspect" -> "image-inspect";
            case "image prune" -> "image-prune";
            case "system info" -> "info";
            case "system events" -> "events";
            case "system prune" -> "system-prune";
            case "system df" -> "system-df";
            case "container stats" -> "stats";
            case "builder build" -> "build";
            case "builder prune" -> "builder-prune";
            default -> containerOrImageVerb(group, name);
        };
        return Optional.ofNullable(switch (key == null ? "" : key) {
            case "version" -> new VersionCommand();
            case "info" -> new InfoCommand();
            case "images" -> new ImagesCommand();
            case "inspect" -> new InspectCommand(InspectCommand.Kind.ANY);
            case "image-inspect" -> new InspectCommand(InspectCommand.Kind.IMAGE);
            case "container-inspect" -> new InspectCommand(InspectCommand.Kind.CONTAINER);
            case "tag" -> new TagCommand();
            case "rmi" -> new RmiCommand();
            case "load" -> new LoadCommand();
            case "save" -> new SaveCommand();
            case "import" -> new ImportCommand();
            case "history" -> new HistoryCommand();
            case "image-prune" -> new ImagePruneCommand();
            case "container-prune" -> new ContainerPruneCommand();
            case "system-prune" -> new SystemPruneCommand();
            case "system-df" -> new DiskUsageCommand();
            case "stats" -> new StatsCommand();
            case "events" -> new EventsCommand();
            case "ps" -> new PsCommand();
            case "create" -> new CreateCommand();
            case "run" -> new RunCommand();
            case "start" -> new StartCommand();
            case "stop" -> new StopCommand();
            case "kill" -> new KillCommand();
            case "restart" -> new RestartCommand();
            case "rm" -> new RmCommand();
            case "logs" -> new LogsCommand();
            case "wait" -> new WaitCommand();
            case "pause" -> new PauseCommand(true);
            case "unpause" -> new PauseCommand(false);
            case "rename" -> new RenameCommand();
            case "top" -> new TopCommand();
            case "port" -> new PortCommand();
            case "exec" -> new ExecCommand();
            case "attach" -> new AttachCommand();
            // transfer commands (cp, diff, export, commit, update, pull, push, login, logout, search, build)
            case "cp" -> new CpCommand();
            case "diff" -> new DiffCommand();
            case "export" -> new ExportCommand();
            case "commit" -> new CommitCommand();
            case "update" -> new UpdateCommand();
            case "pull" -> new PullCommand();
            case "push" -> new PushCommand();
            case "login" -> new LoginCommand();
            case "logout" -> new LogoutCommand();
            case "search" -> new SearchCommand();
            case "build" -> new BuildCommand();
            case "builder-prune" -> new BuilderPruneCommand();
            default -> null;
        });
    }

    private static String containerOrImageVerb(String group, String name) {
        return switch (group) {
            case "container" -> switch (name) {
                case "attach", "create", "exec", "kill", "logs", "pause", "rename", "restart", "rm", "run", "start",
                     "stop", "top", "unpause", "wait", "port" -> name;
                case "cp", "diff", "export", "commit", "update" -> name;
                default -> null;
            };
            case "image" -> switch (name) {
                case "tag", "load", "save", "import", "history" -> name;
                case "pull", "push", "build" -> name;
                default -> null;
            };
            default -> null;
        };
    }

    /** `barge network ...`, `barge volume ...`. */
    private static BaseCommand networkOrVolume(String group, String name) {
        return switch (group + " " + name) {
            case "network create" -> new NetworkCreateCommand();
            case "network ls", "network list" -> new NetworkListCommand();
            case "network inspect" -> new NetworkInspectCommand();
            case "network rm", "network remove" -> new NetworkRemoveCommand();
            case "network prune" -> new NetworkPruneCommand();
            case "network connect" -> new NetworkConnectCommand();
            case "network disconnect" -> new NetworkDisconnectCommand();
            case "volume create" -> new VolumeCreateCommand();
            case "volume ls", "volume list" -> new VolumeListCommand();
            case "volume inspect" -> new VolumeInspectCommand();
            case "volume rm", "volume remove" -> new VolumeRemoveCommand();
            case "volume prune" -> new VolumePruneCommand();
            default -> null;
        };
    }
}
