package dev.barge.template;

/** Go string literal rules: unquoting template literals, and strconv.Quote for %q. */
final class GoStrings {
    private GoStrings() {}

    static String unquote(String quoted) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = quoted.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\u000b');
                case 'x' -> {
                    b.append((char) Integer.parseInt(quoted.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    b.appendCodePoint(Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    b.appendCodePoint(Integer.parseInt(quoted.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        b.append((char) Integer.parseInt(quoted.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        b.append(e);
                    }
                }
            }
        }
        return b.toString();
    }

    /** strconv.Quote: double quotes, Go escapes, non-printable characters as hex escapes. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case 11 -> b.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        b.append(String.format("\\x%02x", cp));
                    } else if (!Character.isDefined(cp) || Character.getType(cp) == Character.CONTROL
                            || Character.getType(cp) == Character.FORMAT) {
                        b.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
