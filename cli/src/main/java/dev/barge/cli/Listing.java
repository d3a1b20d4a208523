package dev.barge.cli;

import dev.barge.template.Func;
import dev.barge.template.Template;
import dev.barge.template.TemplateException;
import dev.barge.template.ZeroValued;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker's formatter.Context: a --format template run once per row, each row ending in a newline;
 * "table ..." adds a header row (the same template over the column titles) and aligns the columns
 * with tabwriter(10, 1, 3); "json" is {{json .}}.
 */
final class Listing {
    /** Docker's templates.HeaderFunctions: in the header row every function returns its first argument. */
    private static final Map<String, Func> HEADER_FUNCTIONS;

    static {
        Map<String, Func> f = new HashMap<>();
        for (String name : List.of("json", "split", "join", "title", "lower", "upper", "pad", "truncate")) {
            f.put(name, args -> args.isEmpty() ? "" : args.getFirst());
        }
        HEADER_FUNCTIONS = Map.copyOf(f);
    }

    /** The column titles; a field without one prints nothing in the header row. */
    static final class Header extends TreeMap<String, Object> implements ZeroValued {
        Header(Map<String, ?> titles) {
            putAll(titles);
        }

        @Override
        public Object zeroValue() {
            return "";
        }
    }

    private Listing() {}

    static boolean isTable(String format) {
        return format.equals("table") || format.startsWith("table ");
    }

    /**
     * @param format the user's --format (may be empty, "table", "json")
     * @param defaultTable the command's default when format is empty or just "table"
     */
    static String render(String format, String defaultTable, List<? extends Map<String, Object>> rows,
            Map<String, ?> titles) {
        return render(format, defaultTable, rows, titles, Context.PLAIN);
    }

    /** Docker's row type for a command, and how that command prefixes a failed execution. */
    record Context(String goType, String errorPrefix) {
        static final Context PLAIN = new Context("", "");
        static final Context IMAGES = new Context("*formatter.imageContext", "template parsing error");
        static final Context CONTAINERS = new Context("*formatter.ContainerContext", "failed to execute template");
        static final Context NETWORKS = new Context("*network.networkContext", "template parsing error");
        static final Context VOLUMES = new Context("*formatter.volumeContext", "template parsing error");
        static final Context DISK_USAGE = new Context("*formatter.diskUsageContext", "template parsing error");
        static final Context STATS = new Context("*container.statsContext", "template parsing error");
        static final Context HISTORY = new Context("*image.historyContext", "template parsing error");
    }

    /** A row standing for Docker's typed context: unknown fields are errors. */
    private static final class Row extends java.util.LinkedHashMap<String, Object> implements dev.barge.template.GoStruct {
        private final String goType;

        Row(Map<String, Object> fields, String goType) {
            super(fields);
            this.goType = goType;
        }

        @Override
        public String goType() {
            return goType;
        }
    }

    /** A map that templates see as the Go struct {@code goType}. */
    static Map<String, Object> struct(Map<String, Object> fields, String goType) {
        return new Row(fields, goType);
    }

    static String render(String format, String defaultTable, List<? extends Map<String, Object>> rows,
            Map<String, ?> titles, Context context) {
        try {
            return renderRows(format, defaultTable, rows, titles, context);
        } catch (TemplateException e) {
            if (context.errorPrefix().isEmpty()) throw e;
            throw new StatusException(1, context.errorPrefix() + ": " + e.getMessage());
        }
    }

    private static String renderRows(String format, String defaultTable, List<? extends Map<String, Object>> rows,
            Map<String, ?> titles, Context context) {
        String f = format.isEmpty() || format.equals("table") ? defaultTable : format;
        if (f.equals("json")) {
            StringBuilder json = new StringBuilder();
            for (Map<String, Object> row : rows) json.append(Template.json(row)).append('\n');
            return json.toString();
        }
        boolean table = isTable(f);
        if (table) f = f.substring("table".length());
        f = f.strip().replace("\\t", "\t").replace("\\n", "\n");
        Template template = parse(f);
        StringBuilder body = new StringBuilder();
        for (Map<String, Object> row : rows) {
            body.append(template.execute(context.goType().isEmpty() ? row : new Row(row, context.goType()))).append('\n');
        }
        if (!table) return body.toString();
        String header = template.withFunctions(HEADER_FUNCTIONS).execute(new Header(titles));
        return TabWriter.table(header + "\n" + body);
    }

    static Template parse(String format) {
        return parse(format, "template parsing error");
    }

    /** A template error ends the command with status 1, the message prefixed as the command words it. */
    static Template parse(String format, String prefix) {
        try {
            return Template.parse(format);
        } catch (TemplateException e) {
            throw new StatusException(1, prefix + ": " + e.getMessage());
        }
    }
}
