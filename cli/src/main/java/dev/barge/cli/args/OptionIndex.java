package dev.barge.cli.args;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@link Option}, {@link Parameters} and {@link Mixin} annotations of the commands, read once
 * at build time (mvn runs {@link #main} after compiling) into a resource. Reading annotations at
 * run time makes the JDK generate a proxy class per annotation type with its class-file API,
 * which the AOT cache cannot hold: ~20 ms of every CLI start. A class missing from the index
 * (a test's own command) is read by reflection, as before.
 */
public final class OptionIndex {
    static final String RESOURCE = "META-INF/barge/options.idx";

    /** One annotated field; kind 'O' option, 'P' positional, 'M' mixin; an option's arity holds its type word. */
    record Spec(String field, char kind, String[] names, String description, boolean usageHelp, String index,
                String arity) {}

    private static Map<String, List<String>> index;

    private OptionIndex() {}

    /** The annotated fields declared by c, in declaration order. */
    static List<Spec> of(Class<?> c) {
        List<String> lines = loaded().get(c.getName());
        if (lines == null) return reflect(c);
        List<Spec> specs = new ArrayList<>(lines.size());
        for (String line : lines) specs.add(parse(line));
        return specs;
    }

    private static synchronized Map<String, List<String>> loaded() {
        if (index != null) return index;
        index = new HashMap<>();
        InputStream in = OptionIndex.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) return index;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> current = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("=")) {
                    current = new ArrayList<>();
                    index.put(line.substring(1), current);
                } else if (current != null && !line.isEmpty()) {
                    current.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return index;
    }

    static List<Spec> reflect(Class<?> c) {
        List<Spec> specs = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            Option o = f.getAnnotation(Option.class);
            if (o != null) specs.add(new Spec(f.getName(), 'O', o.names(), o.description(), o.usageHelp(), "", o.type()));
            Parameters p = f.getAnnotation(Parameters.class);
            if (p != null) specs.add(new Spec(f.getName(), 'P', new String[0], "", false, p.index(), p.arity()));
            if (f.getAnnotation(Mixin.class) != null) specs.add(new Spec(f.getName(), 'M', new String[0], "", false, "", ""));
        }
        return specs;
    }

    private static Spec parse(String line) {
        String[] p = line.split("\t", -1);
        return new Spec(p[0], p[1].charAt(0), p[2].isEmpty() ? new String[0] : p[2].split(","), unescape(p[3]),
                p[4].equals("1"), p[5], p[6]);
    }

    private static String line(Spec s) {
        return s.field() + "\t" + s.kind() + "\t" + String.join(",", s.names()) + "\t" + escape(s.description()) + "\t"
                + (s.usageHelp() ? "1" : "0") + "\t" + s.index() + "\t" + s.arity();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** Build step: writes the index of every class under the given class directory into it. */
    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        StringBuilder out = new StringBuilder();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            if (name.endsWith("package-info") || name.endsWith("module-info")) continue;
            Class<?> c = Class.forName(name, false, OptionIndex.class.getClassLoader());
            List<Spec> specs = reflect(c);
            out.append('=').append(name).append('\n');
            for (Spec s : specs) out.append(line(s)).append('\n');
        }
        Path target = classes.resolve(RESOURCE);
        Files.createDirectories(target.getParent());
        Files.writeString(target, out);
    }
}
