package dev.barge.daemon;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Configures java.util.logging once: one line per record on stderr in dockerd's (logrus) text
 * form, {@code time="..." level=info msg="..."}, so that tools reading dockerd logs read ours.
 */
final class Logging {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX")
            .withZone(ZoneOffset.UTC);

    private Logging() {}

    /** Level names as dockerd takes them. */
    static Level level(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.FINEST;
            case "debug" -> Level.FINE;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARNING;
            case "error", "fatal", "panic" -> Level.SEVERE;
            default -> throw new ConfigError("unable to parse logging level: " + name);
        };
    }

    static void configure(String levelName) {
        Level level = level(levelName);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = new LineHandler(System.err);
        handler.setLevel(level);
        root.addHandler(handler);
        Logger.getLogger("io.netty").setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : level);
    }

    private static final class LineHandler extends Handler {
        private final PrintStream out;

        LineHandler(PrintStream out) {
            this.out = out;
        }

        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            StringBuilder line = new StringBuilder(160)
                    .append("time=\"").append(TIME.format(r.getInstant())).append('"')
                    .append(" level=").append(name(r.getLevel()))
                    .append(" msg=\"").append(escape(message(r))).append('"');
            if (r.getThrown() != null) {
                line.append(" error=\"").append(escape(String.valueOf(r.getThrown()))).append('"');
            }
            synchronized (out) {
                out.println(line);
                if (r.getThrown() != null && r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    r.getThrown().printStackTrace(out);
                }
            }
        }

        private static String message(LogRecord r) {
            String m = r.getMessage();
            Object[] params = r.getParameters();
            if (m != null && params != null && params.length > 0) {
                try {
                    return java.text.MessageFormat.format(m, params);
                } catch (IllegalArgumentException e) {
                    return m;
                }
            }
            return String.valueOf(m);
        }

        private static String name(Level level) {
            int v = level.intValue();
            if (v >= Level.SEVERE.intValue()) {
                return "error";
            }
            if (v >= Level.WARNING.intValue()) {
                return "warning";
            }
            if (v >= Level.INFO.intValue()) {
                return "info";
            }
            return v >= Level.FINE.intValue() ? "debug" : "trace";
        }

        private static String escape(String s) {
            return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
