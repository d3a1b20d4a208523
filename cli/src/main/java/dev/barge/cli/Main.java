package dev.barge.cli;

import dev.barge.client.ConnectionFailedException;
import dev.barge.client.EngineException;
import dev.barge.template.TemplateException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import dev.barge.cli.args.ArgException;
import dev.barge.cli.args.ArgParser;
import dev.barge.cli.args.Command;

/**
 * barge: Docker's command line against barged. Global flags are read by hand and only the named
 * command's class is loaded and given to {@link ArgParser}, so start-up stays small.
 */
public final class Main {
    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int status = new Main(System.getenv(), System.in, System.out, System.err).run(args);
        System.out.flush();
        System.err.flush();
        // halt, not exit: Runtime.exit logs through System.Logger, which loads java.logging (~10 ms).
        // Commands remove their own shutdown hooks (the terminal's) before they return
        Runtime.getRuntime().halt(status);
    }

    int run(String[] args) {
        Optional<String> host = Optional.empty();
        Optional<String> config = Optional.empty();
        boolean debug = false;
        String logLevel = "info";
        TlsFlags tls = TlsFlags.NONE;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            String a = args[i];
            String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            boolean takesValue = switch (flag) {
                case "-H", "--host", "--config", "-l", "--log-level", "--tlscacert", "--tlscert", "--tlskey",
                     "-c", "--context" -> true;
                default -> false;
            };
            String value = null;
            if (takesValue) {
                if (a.contains("=")) {
                    value = a.substring(a.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    return usage("flag needs an argument: " + (flag.startsWith("--") ? flag
                            : "'" + flag.substring(1) + "' in " + flag));
                }
            }
            switch (flag) {
                case "-H", "--host" -> host = Optional.of(value);
                case "--config" -> config = Optional.of(value);
                case "-l", "--log-level" -> logLevel = value;
                case "-D", "--debug" -> debug = true;
                case "--tls" -> tls = tls.withTls(!a.endsWith("=false"));
                case "--tlsverify" -> tls = tls.withVerify(!a.endsWith("=false"));
                case "--tlscacert" -> tls = tls.withCaCert(value);
                case "--tlscert" -> tls = tls.withCert(value);
                case "--tlskey" -> tls = tls.withKey(value);
                case "-c", "--context" -> {
                    // accepted for compatibility: barge has the default context only
                }
                case "-v", "--version" -> {
                    out.println("Barge version " + Version.BARGE + ", build " + Version.COMMIT);
                    return 0;
                }
                case "-h", "--help" -> {
                    out.print(Help.top(env));
                    return 0;
                }
                default -> {
                    return usage("unknown flag: " + flag);
                }
            }
        }
        if (i >= args.length) {
            err.print(Help.top(env)); // docker without a command: the usage, on stderr, status 0
            return 0;
        }
        String name = args[i++];
        if (name.equals("help")) {
            out.print(Help.top(env));
            return 0;
        }
        String group = null;
        if (Commands.isGroup(name)) {
            group = name;
            if (i >= args.length || args[i].equals("--help") || args[i].startsWith("-")) {
                PrintStream groupOut = i < args.length ? out : err;
                if (group.equals("builder")) err.print(BuildCommand.legacyNotice(env)); // docker's legacy-builder notice
                groupOut.print(Help.group(group));
                return 0;
            }
            name = args[i++];
        }
        Optional<BaseCommand> command = Commands.create(group, name);
        String shown = group == null ? name : group + " " + name;
        if (command.isEmpty()) {
            err.println("barge: unknown command: barge " + shown + "\n\n" + (group == null ? ""
                    : "Usage:  barge " + group + (group.equals("volume") ? " COMMAND" : "") + "\n\n") + "Run 'barge " + (group == null ? "" : group + " ")
                    + "--help' for more information");
            return 1;
        }
        Warmup.start();
        Cli cli = new Cli(env, in, out, err, new Cli.Globals(host, config, debug, logLevel, tls));
        return execute(cli, command.get(), shown, Arrays.copyOfRange(args, i, args.length));
    }

    private int execute(Cli cli, BaseCommand command, String shown, String[] rest) {
        command.cli = cli;
        ArgParser parser = new ArgParser(command);
        try {
            err.print(command.notice(cli.env));
            parser.parse(rest, command.stopsAtPositional());
            if (parser.helpRequested()) {
                Command c = command.getClass().getAnnotation(Command.class);
                String description = command.description() != null ? command.description() : c == null ? ""
                        : c.description();
                out.print(parser.help(Usage.of(command).line("barge " + shown), description,
                        Help.aliases(command, shown)));
                return 0;
            }
            return command.call();
        } catch (ArgException e) {
            return e.argumentCount() ? countError(command, shown) : flagError(command, shown, e.getMessage());
        } catch (UsageException e) {
            return flagError(command, shown, e.getMessage());
        } catch (StatusException e) {
            // docker's cli.StatusError for its own checks: "docker: ..." then where to find help
            boolean own = e.status() == 125 && e.getMessage().startsWith("barge: ") && !e.getMessage().contains("\n");
            if (!e.getMessage().isEmpty()) {
                err.println(e.getMessage() + (own ? "\n\nRun 'barge " + shown + " --help' for more information" : ""));
            }
            return e.status();
        } catch (JsonMessages.StreamError e) {
            err.println(e.getMessage());
            return 1;
        } catch (EngineException e) {
            return fail(command, shown, "Error response from daemon: " + e.getMessage());
        } catch (ConnectionFailedException e) {
            return fail(command, shown, e.getMessage());
        } catch (TemplateException e) {
            err.println(e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            boolean connecting = String.valueOf(e.getMessage()).startsWith("error during connect");
            return fail(command, shown, connecting ? e.getMessage() : e.getCause().getMessage());
        } catch (Exception e) {
            if (cli.globals.debug()) e.printStackTrace(err);
            return fail(command, shown, String.valueOf(e.getMessage()));
        }
    }

    /** Argument counts as cobra words them, status 1. */
    private int countError(BaseCommand command, String shown) {
        Usage usage = Usage.of(command);
        err.println("barge: " + usage.countError("barge " + shown) + "\n\nUsage:  "
                + usage.line("barge " + shown) + "\n\n" + usage.helpVerb() + " 'barge " + shown + " --help' for more information");
        return 1;
    }

    /** Flag errors with the usage line, status 125. */
    private int flagError(BaseCommand command, String shown, String message) {
        err.println(message + "\n\nUsage:  " + Usage.of(command).line("barge " + shown)
                + "\n\nRun 'barge " + shown + " --help' for more information");
        return 125;
    }

    private int fail(BaseCommand command, String shown, String message) {
        if (command.failsLikeRun()) {
            err.println("barge: " + message + "\n\nRun 'barge " + shown + " --help' for more information");
            return 125;
        }
        err.println(message);
        return 1;
    }

    private int usage(String message) {
        err.println(message + "\n\nUsage:  barge [OPTIONS] COMMAND [ARG...]\n\nRun 'barge --help' for more information");
        return 125;
    }
}
