package dev.barge.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter with left alignment and space padding: tab-terminated cells of consecutive
 * lines form a column block whose width is the widest cell plus padding, at least minWidth.
 * The text after a line's last tab is not part of any column.
 */
final class TabWriter {
    private final int minWidth;
    private final int padding;
    private List<List<String>> lines;
    private final List<Integer> widths = new ArrayList<>();
    private StringBuilder out;

    TabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** docker's tables: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0). */
    static String table(String text) {
        return new TabWriter(10, 3).format(text);
    }

    String format(String text) {
        lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) lines.add(List.of(line.split("\t", -1)));
        boolean trailingNewline = text.endsWith("\n");
        if (trailingNewline) lines.removeLast();
        out = new StringBuilder();
        widths.clear();
        format(0, lines.size());
        if (!trailingNewline && !out.isEmpty()) out.setLength(out.length() - 1);
        return out.toString();
    }

    private void format(int line0, int line1) {
        int column = widths.size();
        for (int i = line0; i < line1; i++) {
            if (column >= lines.get(i).size() - 1) continue;
            writeLines(line0, i);
            line0 = i;
            int width = minWidth;
            for (; i < line1; i++) {
                List<String> cells = lines.get(i);
                if (column >= cells.size() - 1) break;
                width = Math.max(width, displayWidth(cells.get(column)) + padding);
            }
            widths.add(width);
            format(line0, i);
            widths.removeLast();
            line0 = i;
            i--; // the loop's increment would skip the line that ended the block
        }
        writeLines(line0, line1);
    }

    private void writeLines(int line0, int line1) {
        for (int i = line0; i < line1; i++) {
            List<String> cells = lines.get(i);
            for (int j = 0; j < cells.size(); j++) {
                String c = cells.get(j);
                out.append(c);
                if (j < widths.size()) out.append(" ".repeat(Math.max(0, widths.get(j) - displayWidth(c))));
            }
            out.append('\n');
        }
    }

    private static int displayWidth(String s) {
        return s.codePointCount(0, s.length());
    }
}
