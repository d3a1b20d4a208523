package dev.barge.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Go text/template as Docker's --format uses it: Go's built-in functions plus Docker's
 * json, split, join, title, lower, upper, pad and truncate. Data are maps, lists, scalars, records
 * or Jackson trees; a {@link Func} inside a map acts as a method with arguments.
 *
 * <pre>{@code
 * Template t = Template.parse("{{.Name}}: {{json .Labels}}");
 * String s = t.execute(jsonNode);
 * }</pre>
 */
public final class Template {
    private static final Map<String, Func> DEFAULTS = Map.copyOf(Builtins.all());

    private final List<Node> nodes;
    private final Map<String, Func> functions;
    private final boolean missingKeyError;

    private Template(List<Node> nodes, Map<String, Func> functions) {
        this(nodes, functions, false);
    }

    private Template(List<Node> nodes, Map<String, Func> functions, boolean missingKeyError) {
        this.nodes = nodes;
        this.functions = functions;
        this.missingKeyError = missingKeyError;
    }

    /** Go's Option("missingkey=error"): a key missing from a map is an error, not {@code <no value>}. */
    public Template missingKeyError() {
        return new Template(nodes, functions, true);
    }

    /** Parses with the default functions; a syntax error or unknown function is a {@link TemplateException}. */
    public static Template parse(String text) {
        return parse(text, Map.of());
    }

    /** Parses with extra functions that replace defaults of the same name. */
    public static Template parse(String text, Map<String, Func> extra) {
        if (extra.isEmpty()) return new Template(Parser.parse(text, DEFAULTS.keySet()), DEFAULTS);
        Map<String, Func> functions = new HashMap<>(DEFAULTS);
        functions.putAll(extra);
        return new Template(Parser.parse(text, functions.keySet()), Map.copyOf(functions));
    }

    /** The same template with some functions replaced, as Go's Template.Funcs does after parsing. */
    public Template withFunctions(Map<String, Func> replaced) {
        Map<String, Func> functions = new HashMap<>(this.functions);
        functions.putAll(replaced);
        return new Template(nodes, Map.copyOf(functions), missingKeyError);
    }

    public String execute(Object data) {
        StringBuilder out = new StringBuilder();
        new Executor(functions, missingKeyError, out, data).walk(Values.normalize(data), nodes);
        return out.toString();
    }

    /** Go's json.Marshal of a value (HTML characters escaped), as Docker's bare "--format json" prints rows. */
    public static String json(Object value) {
        return JsonFunction.encode(value, true);
    }

    /** Go's %v of a value: {@code map[a:b]}, {@code [a b]}, {@code <no value>}. */
    public static String format(Object value) {
        return Values.format(value);
    }
}
