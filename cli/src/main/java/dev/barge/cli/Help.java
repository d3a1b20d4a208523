package dev.barge.cli;

/** The top-level and group usage texts, written out so `barge --help` loads no command class. */
final class Help {
    static final String TOP = """

            Usage:  barge [OPTIONS] COMMAND

            A Docker-compatible client for the Barge container engine

            Common Commands:
              run         Create and run a new container from an image
              exec        Execute a command in a running container
              ps          List containers
              images      List images
              version     Show the Barge version information
              info        Display system-wide information

            Management Commands:
              container   Manage containers
              image       Manage images
              system      Manage Barge

            Commands:
              attach      Attach local standard input, output, and error streams to a running container
              create      Create a new container
              events      Get real time events from the server
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
              stop        Stop one or more running containers
              tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
              top         Display the running processes of a container
              unpause     Unpause all processes within one or more containers
              wait        Block until one or more containers stop, then print their exit codes

            Global Options:
                  --config string      Location of client config files (default "~/.docker")
              -D, --debug              Enable debug mode
              -H, --host string        Daemon socket to connect to (default $BARGE_HOST, $DOCKER_HOST,
                                       or unix:///run/barge/barge.sock)
              -l, --log-level string   Set the logging level (default "info")
                  --tls, --tlsverify, --tlscacert, --tlscert, --tlskey   accepted, not used
              -v, --version            Print version information and quit

            Run 'barge COMMAND --help' for more information on a command.
            """;

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
                      create      Create a new container
                      exec        Execute a command in a running container
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
                      stop        Stop one or more running containers
                      top         Display the running processes of a container
                      unpause     Unpause all processes within one or more containers
                      wait        Block until one or more containers stop, then print their exit codes

                    Run 'barge container COMMAND --help' for more information on a command.
                    """;
            case "image" -> """
                    Usage:  barge image COMMAND

                    Manage images

                    Commands:
                      history     Show the history of an image
                      import      Import the contents from a tarball to create a filesystem image
                      inspect     Display detailed information on one or more images
                      load        Load an image from a tar archive or STDIN
                      ls          List images
                      prune       Remove unused images
                      rm          Remove one or more images
                      save        Save one or more images to a tar archive (streamed to STDOUT by default)
                      tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

                    Run 'barge image COMMAND --help' for more information on a command.
                    """;
            default -> """
                    Usage:  barge system COMMAND

                    Manage Barge

                    Commands:
                      events      Get real time events from the server
                      info        Display system-wide information
                      prune       Remove unused data

                    Run 'barge system COMMAND --help' for more information on a command.
                    """;
        };
    }
}
