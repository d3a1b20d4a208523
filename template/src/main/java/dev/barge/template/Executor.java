package dev.barge.template;

import dev.barge.template.Node.Arg;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Walks the parse tree over one data value, as text/template's state does. */
final class Executor {
    private static final RuntimeException BREAK = new RuntimeException(null, null, false, false) {};
    private static final RuntimeException CONTINUE = new RuntimeException(null, null, false, false) {};

    private record Var(String name, Object value) {}

    private final Map<String, Func> functions;
    private final boolean missingKeyError;
    private final StringBuilder out;
    private final List<Var> vars = new ArrayList<>();

    Executor(Map<String, Func> functions, boolean missingKeyError, StringBuilder out, Object root) {
        this.functions = functions;
        this.missingKeyError = missingKeyError;
        this.out = out;
        vars.add(new Var("$", Values.normalize(root)));
    }

    void walk(Object dot, List<Node> nodes) {
        for (Node n : nodes) walk(dot, n);
    }

    private void walk(Object dot, Node node) {
        // instanceof chains, not pattern switches, in this module: the JDK spins a class for each
        // type switch at run time, which the AOT cache cannot hold (milliseconds of a CLI start)
        if (node instanceof Node.Text t) {
            out.append(t.text());
        } else if (node instanceof Node.Action a) {
            Object v = pipe(dot, a.pipe());
            if (a.pipe().declared().isEmpty()) out.append(Values.format(v));
        } else if (node instanceof Node.Control c) {
            control(dot, c);
        } else if (node instanceof Node.Break) {
            throw BREAK;
        } else if (node instanceof Node.Continue) {
            throw CONTINUE;
        }
    }

    private void control(Object dot, Node.Control c) {
        int mark = vars.size();
        try {
            switch (c.kind()) {
                case IF -> walk(dot, Values.truth(pipe(dot, c.pipe())) ? c.body() : c.otherwise());
                case WITH -> {
                    Object v = pipe(dot, c.pipe());
                    if (Values.truth(v)) {
                        walk(v, c.body());
                    } else {
                        walk(dot, c.otherwise());
                    }
                }
                case RANGE -> range(dot, c);
            }
        } finally {
            pop(mark);
        }
    }

    private void range(Object dot, Node.Control c) {
        List<String> declared = c.pipe().declared();
        Node.Pipe undeclared = new Node.Pipe(List.of(), false, c.pipe().commands(), c.pipe().line(), c.pipe().column(),
                c.pipe().source());
        Iterator<Object[]> items = guard(c.pipe(), () -> Values.rangeOver(pipe(dot, undeclared)));
        if (!items.hasNext()) {
            walk(dot, c.otherwise());
            return;
        }
        int mark = vars.size();
        while (items.hasNext()) {
            Object[] kv = items.next();
            if (declared.size() == 1) vars.add(new Var(declared.getFirst(), kv[1]));
            if (declared.size() == 2) {
                vars.add(new Var(declared.get(0), kv[0]));
                vars.add(new Var(declared.get(1), kv[1]));
            }
            try {
                walk(kv[1], c.body());
            } catch (RuntimeException e) {
                if (e == BREAK) break;
                if (e != CONTINUE) throw e;
            } finally {
                pop(mark);
            }
        }
    }

    private Object pipe(Object dot, Node.Pipe pipe) {
        Object value = guard(pipe, () -> {
            Object v = null;
            boolean hasFinal = false;
            for (Node.Command cmd : pipe.commands()) {
                v = command(dot, cmd, v, hasFinal);
                hasFinal = true;
            }
            return v;
        });
        if (!pipe.declared().isEmpty()) {
            String name = pipe.declared().getFirst();
            if (pipe.assign()) {
                set(name, value);
            } else {
                vars.add(new Var(name, value));
            }
        }
        return value;
    }

    /** Adds Go's "executing ... at <...>" context to errors raised below one pipeline. */
    private <T> T guard(Node.Pipe pipe, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (TemplateException e) {
            if (e.getMessage().startsWith("template: ")) throw e;
            throw new TemplateException("template: :" + pipe.line() + ":" + column(pipe) + ": executing \"\" at <"
                    + pipe.source() + ">: " + e.getMessage());
        }
    }

    /**
     * Go's parser gives a field chain (.A.B.C) the position of its second name: errors of a
     * pipeline that is just such a chain point there.
     */
    private static int column(Node.Pipe pipe) {
        if (pipe.commands().size() == 1 && pipe.commands().getFirst().args().size() == 1
                && pipe.commands().getFirst().args().getFirst() instanceof Arg.Field f && f.path().size() > 1
                && pipe.source().startsWith("." + f.path().getFirst() + ".")) {
            return pipe.column() + 1 + f.path().getFirst().length();
        }
        return pipe.column();
    }

    private Object command(Object dot, Node.Command cmd, Object last, boolean hasFinal) {
        Arg first = cmd.args().getFirst();
        List<Arg> rest = cmd.args().subList(1, cmd.args().size());
        if (first instanceof Arg.Field f && !f.path().isEmpty()) return path(dot, f.path(), args(dot, rest, last, hasFinal));
        if (first instanceof Arg.Variable v && !v.path().isEmpty()) {
            return path(variable(v.name()), v.path(), args(dot, rest, last, hasFinal));
        }
        if (first instanceof Arg.Chain c) return path(arg(dot, c.base()), c.path(), args(dot, rest, last, hasFinal));
        if (first instanceof Arg.Identifier id) return call(id.name(), args(dot, rest, last, hasFinal));
        if (!rest.isEmpty() || hasFinal) throw new TemplateException("can't give argument to non-function " + describe(first));
        return arg(dot, first);
    }

    private List<Object> args(Object dot, List<Arg> rest, Object last, boolean hasFinal) {
        List<Object> values = new ArrayList<>();
        for (Arg a : rest) values.add(arg(dot, a));
        if (hasFinal) values.add(last);
        return values;
    }

    private Object arg(Object dot, Arg a) {
        if (a instanceof Arg.Field f) return f.path().isEmpty() ? dot : path(dot, f.path(), List.of());
        if (a instanceof Arg.Variable v) {
            return v.path().isEmpty() ? variable(v.name()) : path(variable(v.name()), v.path(), List.of());
        }
        if (a instanceof Arg.Identifier id) return call(id.name(), List.of());
        if (a instanceof Arg.Literal l) return l.value();
        if (a instanceof Arg.SubPipe p) {
            int mark = vars.size();
            try {
                return pipe(dot, p.pipe());
            } finally {
                pop(mark);
            }
        }
        Arg.Chain c = (Arg.Chain) a;
        return path(arg(dot, c.base()), c.path(), List.of());
    }

    /** Follows .A.B; a Func met on the way is called, the last one with the command's arguments. */
    private Object path(Object receiver, List<String> path, List<Object> args) {
        Object v = receiver;
        for (int i = 0; i < path.size(); i++) {
            boolean lastName = i == path.size() - 1;
            v = Values.field(v, path.get(i));
            if (missingKeyError && v == Values.NO_VALUE && Values.normalize(receiverOf(receiver, path, i)) instanceof Map<?, ?> m
                    && !(m instanceof GoMap)) {
                throw new TemplateException("map has no entry for key \"" + path.get(i) + "\"");
            }
            if (v instanceof Func fn) {
                v = Values.normalize(fn.call(lastName ? args : List.of()));
            } else if (lastName && !args.isEmpty()) {
                throw new TemplateException(path.get(i) + " has arguments but cannot be invoked as function");
            }
        }
        return v;
    }

    /** The value the i-th name of a path is looked up on. */
    private static Object receiverOf(Object receiver, List<String> path, int i) {
        Object v = receiver;
        for (int k = 0; k < i; k++) v = Values.field(v, path.get(k));
        return v;
    }

    private Object call(String name, List<Object> args) {
        Func fn = functions.get(name);
        if (fn == null) throw new TemplateException("function \"" + name + "\" not defined");
        try {
            return Values.normalize(fn.call(args));
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TemplateException("error calling " + name + ": " + e.getMessage());
        }
    }

    private Object variable(String name) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name().equals(name)) return vars.get(i).value();
        }
        throw new TemplateException("undefined variable: " + name);
    }

    private void set(String name, Object value) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name().equals(name)) {
                vars.set(i, new Var(name, value));
                return;
            }
        }
        throw new TemplateException("undefined variable: " + name);
    }

    private void pop(int mark) {
        while (vars.size() > mark) vars.removeLast();
    }

    private static String describe(Arg a) {
        if (a instanceof Arg.Literal l) return Values.format(l.value());
        return a instanceof Arg.Field ? "." : a.getClass().getSimpleName();
    }
}
