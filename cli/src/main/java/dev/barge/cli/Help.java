package dev.barge.cli;


/** The top-level and group usage texts, written out so `barge --help` loads no command class. */
final class Help {
    private static final String COMMANDS = """
            Usage:  barge [OPTIONS] COMMAND

            A self-sufficient runtime for containers

            Common Commands:
              run         Create and run a new container from an image
              exec        Execute a command in a running container
              ps          List containers
              build       Build an image from a Dockerfile
              pull        Download an image from a registry
              push        Upload an image to a registry
              images      List images
              login       Authenticate to a registry
              logout      Log out from a registry
              search      Search Docker Hub for images
              version     Show the Docker version information
              info        Display system-wide information

            Management Commands:
              builder     Manage builds
              container   Manage containers
              image       Manage images
              network     Manage networks
              system      Manage Docker
              volume      Manage volumes

            Commands:
              attach      Attach local standard input, output, and error streams to a running container
              commit      Create a new image from a container's changes
              cp          Copy files/folders between a container and the local filesystem
              create      Create a new container
              diff        Inspect changes to files or directories on a container's filesystem
              events      Get real time events from the server
              export      Export a container's filesystem as a tar archive
              history     Show the history of an image
              import      Import the contents from a tarball to create a filesystem image
              inspect     Return low-level information on Docker objects
              kill        Kill one or more running containers
              load        Load an image from a tar archive or STDIN
              logs        Fetch the logs of a container
              pause       Pause all processes within one or more containers
              port        List port mappings or a specific mapping for the container
              rename      Rename a container
              restart     Restart one or more containers
              rm          Remove one or more containers
              rmi         Remove one or more images
              save        Save one or more images to a tar archive (streamed to STDOUT by default)
              start       Start one or more stopped containers
              stats       Display a live stream of container(s) resource usage statistics
              stop        Stop one or more running containers
              tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
              top         Display the running processes of a container
              unpause     Unpause all processes within one or more containers
              update      Update configuration of one or more containers
              wait        Block until one or more containers stop, then print their exit codes

            Global Options:
            """;

    /** Docker's global flags: name column, then the description cobra wraps (see {@link #wrap}). */
    private static final String[][] GLOBAL_FLAGS = {
        {"      --config string", "Location of client config files (default \"%s\")"},
        {"  -c, --context string", "Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and "
                + "default context set with \"docker context use\")"},
        {"  -D, --debug", "Enable debug mode"},
        {"  -H, --host list", "Daemon socket to connect to"},
        {"  -l, --log-level string", "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\") "
                + "(default \"info\")"},
        {"      --tls", "Use TLS; implied by --tlsverify"},
        {"      --tlscacert string", "Trust certs signed only by this CA (default \"%s/ca.pem\")"},
        {"      --tlscert string", "Path to TLS certificate file (default \"%s/cert.pem\")"},
        {"      --tlskey string", "Path to TLS key file (default \"%s/key.pem\")"},
        {"      --tlsverify", "Use TLS and verify the remote"},
        {"  -v, --version", "Print version information and quit"},
    };

    /**
     * `barge --help` as docker prints it: the commands barge has, then the global flags with the
     * client config directory (DOCKER_CONFIG or ~/.docker; not --config, as docker) in the defaults.
     */
    static String top(java.util.Map<String, String> env) {
        String dir = dev.barge.client.DockerConfig.directory(java.util.Optional.empty(), env).toString();
        StringBuilder b = new StringBuilder(COMMANDS);
        for (String[] flag : GLOBAL_FLAGS) {
            b.append(flag[0]).append(" ".repeat(27 - flag[0].length()))
                    .append(dev.barge.cli.args.ArgParser.wrap(27, flag[1].replace("%s", dir))).append('\n');
        }
        return b.append("\nRun 'barge COMMAND --help' for more information on a command.\n").toString();
    }

    /** cobra's "Aliases:" line of a command: every name it answers to. */
    static String aliases(BaseCommand command, String shown) {
        if (command.aliases() != null) return command.aliases();
        String verb = shown.substring(shown.lastIndexOf(' ') + 1);
        if (command instanceof PsCommand) {
            return "barge container ls, barge container list, barge container ps, barge ps";
        }
        if (command instanceof ImagesCommand) return "barge image ls, barge image list, barge images";
        if (command instanceof RmCommand) return "barge container rm, barge container remove, barge rm";
        if (command instanceof RmiCommand) return "barge image rm, barge image remove, barge rmi";
        if (command instanceof InfoCommand) return "barge system info, barge info";
        if (command instanceof EventsCommand) return "barge system events, barge events";
        if (command instanceof BuildCommand) return "barge image build, barge build, barge builder build";
        if (command instanceof BuilderPruneCommand) return "";
        if (command instanceof InspectCommand || command instanceof PruneCommand || command instanceof VersionCommand
                || command instanceof LoginCommand || command instanceof LogoutCommand || command instanceof SearchCommand) {
            return "";
        }
        boolean image = command instanceof HistoryCommand || command instanceof ImportCommand
                || command instanceof LoadCommand || command instanceof SaveCommand || command instanceof TagCommand
                || command instanceof PullCommand || command instanceof PushCommand;
        return "barge " + (image ? "image " : "container ") + verb + ", barge " + verb;
    }

    private Help() {}

    /**
     * A management command's usage, laid out as docker's (the commands barge has). docker prints it
     * to stderr when the group is typed alone, to stdout for --help; exit 0 either way.
     */
    static String group(String group) {
        return switch (group) {
            case "container" -> """
                    Usage:  barge container COMMAND

                    Manage containers

                    Commands:
                      attach      Attach local standard input, output, and error streams to a running container
                      commit      Create a new image from a container's changes
                      cp          Copy files/folders between a container and the local filesystem
                      create      Create a new container
                      diff        Inspect changes to files or directories on a container's filesystem
                      exec        Execute a command in a running container
                      export      Export a container's filesystem as a tar archive
                      inspect     Display detailed information on one or more containers
                      kill        Kill one or more running containers
                      logs        Fetch the logs of a container
                      ls          List containers
                      pause       Pause all processes within one or more containers
                      port        List port mappings or a specific mapping for the container
                      prune       Remove all stopped containers
                      rename      Rename a container
                      restart     Restart one or more containers
                      rm          Remove one or more containers
                      run         Create and run a new container from an image
                      start       Start one or more stopped containers
                      stats       Display a live stream of container(s) resource usage statistics
                      stop        Stop one or more running containers
                      top         Display the running processes of a container
                      unpause     Unpause all processes within one or more containers
                      update      Update configuration of one or more containers
                      wait        Block until one or more containers stop, then print their exit codes

                    Run 'barge container COMMAND --help' for more information on a command.
                    """;
            case "image" -> """
                    Usage:  barge image COMMAND

                    Manage images

                    Commands:
                      build       Build an image from a Dockerfile
                      history     Show the history of an image
                      import      Import the contents from a tarball to create a filesystem image
                      inspect     Display detailed information on one or more images
                      load        Load an image from a tar archive or STDIN
                      ls          List images
                      prune       Remove unused images
                      pull        Download an image from a registry
                      push        Upload an image to a registry
                      rm          Remove one or more images
                      save        Save one or more images to a tar archive (streamed to STDOUT by default)
                      tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

                    Run 'barge image COMMAND --help' for more information on a command.
                    """;
            case "network" -> """
                    Usage:  barge network COMMAND

                    Manage networks

                    Commands:
                      connect     Connect a container to a network
                      create      Create a network
                      disconnect  Disconnect a container from a network
                      inspect     Display detailed information on one or more networks
                      ls          List networks
                      prune       Remove all unused networks
                      rm          Remove one or more networks

                    Run 'barge network COMMAND --help' for more information on a command.
                    """;
            case "volume" -> """
                    Usage:  barge volume COMMAND

                    Manage volumes

                    Commands:
                      create      Create a volume
                      inspect     Display detailed information on one or more volumes
                      ls          List volumes
                      prune       Remove unused local volumes
                      rm          Remove one or more volumes

                    Run 'barge volume COMMAND --help' for more information on a command.
                    """;
            case "builder" -> """
                    Usage:  barge builder COMMAND

                    Manage builds

                    Commands:
                      build       Build an image from a Dockerfile
                      prune       Remove build cache

                    Run 'barge builder COMMAND --help' for more information on a command.
                    """;
            default -> """
                    Usage:  barge system COMMAND

                    Manage Docker

                    Commands:
                      df          Show barge disk usage
                      events      Get real time events from the server
                      info        Display system-wide information
                      prune       Remove unused data

                    Run 'barge system COMMAND --help' for more information on a command.
                    """;
        };
    }
}
