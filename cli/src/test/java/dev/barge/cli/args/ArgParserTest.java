package dev.barge.cli.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {
    static final class Shared {
        @Option(names = {"-e", "--env"})
        List<String> env = new ArrayList<>();
    }

    static final class Run {
        @Option(names = {"-i", "--interactive"})
        boolean interactive;

        @Option(names = {"-t", "--tty"})
        boolean tty;

        @Option(names = "--name")
        String name;

        @Option(names = {"-n", "--tail"})
        Integer tail;

        @Option(names = "--help", usageHelp = true)
        boolean help;

        @Mixin
        Shared shared = new Shared();

        @Parameters(index = "0")
        String image;

        @Parameters(index = "1..*", arity = "0..*")
        List<String> command = new ArrayList<>();
    }

    private static Run parse(boolean stop, String... args) throws ArgException {
        Run r = new Run();
        new ArgParser(r).parse(args, stop);
        return r;
    }

    @Test
    void readsFlagsAsPflagDoes() throws Exception {
        Run r = parse(true, "-it", "--name=web", "-e", "A=1", "-eB=2", "-n5", "busybox", "sh", "-c", "echo -n hi");
        assertThat(r.interactive).isTrue();
        assertThat(r.tty).isTrue();
        assertThat(r.name).isEqualTo("web");
        assertThat(r.shared.env).containsExactly("A=1", "B=2");
        assertThat(r.tail).isEqualTo(5);
        assertThat(r.image).isEqualTo("busybox");
        assertThat(r.command).containsExactly("sh", "-c", "echo -n hi");
    }

    @Test
    void flagsMayFollowPositionalsUnlessStopped() throws Exception {
        Run r = parse(false, "busybox", "--name", "x", "--tty=false", "--", "-i");
        assertThat(r.name).isEqualTo("x");
        assertThat(r.tty).isFalse();
        assertThat(r.command).containsExactly("-i");
        assertThat(parse(true, "busybox", "--name", "x").command).containsExactly("--name", "x");
    }

    @Test
    void errorsAreWordedAsDockers() {
        assertThatThrownBy(() -> parse(false, "--nope")).hasMessage("unknown flag: --nope");
        assertThatThrownBy(() -> parse(false, "-iz")).hasMessage("unknown shorthand flag: 'z' in -z");
        assertThatThrownBy(() -> parse(false, "busybox", "--name")).hasMessage("flag needs an argument: --name");
        assertThatThrownBy(() -> parse(false, "busybox", "-n")).hasMessage("flag needs an argument: 'n' in -n");
        assertThatThrownBy(() -> parse(false, "-n", "x", "busybox")).hasMessage("invalid argument \"x\" for \"-n, --tail\" "
                + "flag: strconv.ParseInt: parsing \"x\": invalid syntax");
        assertThatThrownBy(() -> parse(false)).isInstanceOfSatisfying(ArgException.class,
                e -> assertThat(e.argumentCount()).isTrue());
    }

    @Test
    void helpWinsOverMissingArguments() throws Exception {
        Run r = new Run();
        ArgParser p = new ArgParser(r);
        p.parse(new String[] {"--help"}, false);
        assertThat(p.helpRequested()).isTrue();
        assertThat(p.help("barge run IMAGE", "Run", "")).contains("Usage:  barge run IMAGE", "-i, --interactive",
                "    --name string", "-e, --env list");
    }
}
