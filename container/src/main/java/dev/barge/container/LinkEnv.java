package dev.barge.container;

import dev.barge.core.BargeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The environment legacy {@code --link}s give a container on the default bridge, as moby's
 * {@code links.ToEnv}: for a link aliased {@code db}, {@code DB_NAME=/parent/db}, the linked
 * container's variables as {@code DB_ENV_<K>} (not {@code HOME} or {@code PATH}), and for each
 * exposed port {@code DB_PORT_5432_TCP=tcp://<ip>:5432} with its {@code _ADDR}, {@code _PORT} and
 * {@code _PROTO} (plus {@code _START}/{@code _END} over consecutive ports) and {@code DB_PORT} for
 * the first. They come before the container's own variables, which win.
 */
final class LinkEnv {
    private LinkEnv() {}

    /**
     * @param lookup  finds a container by name or ID, empty when there is none (moby skips it)
     * @param address the container's address on the default bridge, {@code ""} for none
     */
    static List<String> of(Container parent, List<String> links, Function<String, Optional<Container>> lookup,
                           Function<String, String> address) {
        List<String> env = new ArrayList<>();
        for (String link : links) {
            String alias = alias(link);
            Optional<Container> child = lookup.apply(target(link));
            if (child.isEmpty()) {
                continue;
            }
            String fullName = "/" + parent.shortName() + "/" + alias;
            if (!child.get().state().status().hasProcess()) {
                throw BargeException.invalid("Cannot link to a non running container: %s AS %s",
                        child.get().name(), fullName);
            }
            env.addAll(vars(fullName, child.get(), address.apply(child.get().id())));
        }
        return env;
    }

    /** The linked container of {@code name[:alias]}. */
    static String target(String link) {
        String t = link.startsWith("/") ? link.substring(1) : link;
        int colon = t.indexOf(':');
        return colon < 0 ? t : t.substring(0, colon);
    }

    /** The alias of {@code name[:alias]} ({@code /parent/alias} as stored by some clients): the name when none. */
    static String alias(String link) {
        String t = link.startsWith("/") ? link.substring(1) : link;
        int colon = t.indexOf(':');
        String alias = colon < 0 ? t : t.substring(colon + 1);
        return alias.substring(alias.lastIndexOf('/') + 1);
    }

    static List<String> vars(String fullName, Container child, String ip) {
        String alias = fullName.substring(fullName.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT).replace('-', '_');
        List<String> env = new ArrayList<>();
        List<Port> ports = child.config().exposedPorts().stream().map(Port::parse)
                .sorted(Comparator.comparing((Port p) -> !p.proto().equals("tcp")).thenComparing(Port::proto)
                        .thenComparingInt(Port::number))
                .toList();
        Port start = null;
        Port end = null;
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            if (i == 0) {
                start = p;
                end = p;
                env.add(alias + "_PORT=" + p.url(ip));
            }
            String prefix = alias + "_PORT_" + p.number() + "_" + p.proto().toUpperCase(Locale.ROOT);
            env.add(prefix + "=" + p.url(ip));
            env.add(prefix + "_ADDR=" + ip);
            env.add(prefix + "_PORT=" + p.number());
            env.add(prefix + "_PROTO=" + p.proto());
            if (p.number() == end.number() + 1 && p.proto().equals(end.proto())) {
                end = p;
                if (i < ports.size() - 1) {
                    continue;
                }
            }
            if (!end.equals(start)) {
                String range = alias + "_PORT_" + start.number() + "_" + start.proto().toUpperCase(Locale.ROOT);
                env.add(range + "_START=" + start.url(ip));
                env.add(range + "_PORT_START=" + start.number());
                env.add(range + "_END=" + end.url(ip));
                env.add(range + "_PORT_END=" + end.number());
            }
            start = p;
            end = p;
        }
        env.add(alias + "_NAME=" + fullName);
        for (String v : child.config().env()) {
            int eq = v.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = v.substring(0, eq);
            if (!key.equals("HOME") && !key.equals("PATH")) {
                env.add(alias + "_ENV_" + key + "=" + v.substring(eq + 1));
            }
        }
        return env;
    }

    /** An exposed port, {@code 80/tcp} or {@code 80} (tcp). */
    record Port(int number, String proto) {
        static Port parse(String text) {
            int slash = text.indexOf('/');
            return slash < 0 ? new Port(Integer.parseInt(text), "tcp")
                    : new Port(Integer.parseInt(text.substring(0, slash)), text.substring(slash + 1));
        }

        String url(String ip) {
            return proto + "://" + ip + ":" + number;
        }
    }
}
