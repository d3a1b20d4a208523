package dev.barge.api;

/** Docker's progress text for clients that print it as is: {@code [=====>      ]  1.05MB/2.1MB}. */
final class ProgressBar {
    private static final int WIDTH = 50;

    private ProgressBar() {}

    static String render(long current, long total) {
        if (total <= 0) {
            return human(current);
        }
        int filled = (int) Math.min(WIDTH, Math.max(0, current * WIDTH / total));
        String bar = filled == 0 ? " ".repeat(WIDTH) : "=".repeat(filled - 1) + ">" + " ".repeat(WIDTH - filled);
        return "[" + bar + "] " + pad(human(current)) + "/" + human(total);
    }

    private static String pad(String s) {
        return s.length() >= 8 ? s : " ".repeat(8 - s.length()) + s;
    }

    /** Decimal units with three significant digits, as Go's units.HumanSize. */
    static String human(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String n = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return n + units[u];
    }
}
