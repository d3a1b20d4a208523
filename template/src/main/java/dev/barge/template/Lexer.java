package dev.barge.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits template text into tokens: text runs and the contents of {{ }} actions, with trim markers applied. */
final class Lexer {
    private static final Set<String> KEYWORDS =
            Set.of("if", "else", "end", "range", "with", "break", "continue", "define", "template", "block");

    private final String src;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private int line = 1;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> lex(String src) {
        Lexer l = new Lexer(src);
        l.run();
        return l.out;
    }

    private void run() {
        boolean trimNext = false;
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            int end = open < 0 ? src.length() : open;
            boolean trimPrev = open >= 0 && open + 3 < src.length() && src.startsWith("{{-", open)
                    && isSpace(src.charAt(open + 3));
            String text = src.substring(pos, end);
            if (trimNext) text = text.stripLeading();
            if (trimPrev) text = text.stripTrailing();
            if (!text.isEmpty()) emit(Token.Kind.TEXT, text, false);
            line += count(src.substring(pos, end));
            if (open < 0) break;
            pos = open + 2 + (trimPrev ? 2 : 0);
            trimNext = action();
        }
        out.add(new Token(Token.Kind.EOF, "", line, 0, false));
    }

    private static int count(String s) {
        return (int) s.chars().filter(c -> c == '\n').count();
    }

    /** Lexes one action after its {{ ; returns whether it ended with a trim marker. */
    private boolean action() {
        if (src.startsWith("/*", pos)) return comment();
        emit(Token.Kind.LEFT, "{{", false);
        boolean space = true;
        while (true) {
            if (pos >= src.length()) throw error("unclosed action");
            char c = src.charAt(pos);
            if (src.startsWith("}}", pos)) {
                pos += 2;
                emit(Token.Kind.RIGHT, "}}", space);
                return false;
            }
            if (isSpace(c)) {
                if (src.startsWith("-}}", pos + 1)) {
                    pos += 4;
                    emit(Token.Kind.RIGHT, "}}", true);
                    return true;
                }
                if (c == '\n') line++;
                pos++;
                space = true;
                continue;
            }
            lexItem(space);
            space = false;
        }
    }

    private boolean comment() {
        int close = src.indexOf("*/", pos + 2);
        if (close < 0) throw error("unclosed comment");
        line += count(src.substring(pos, close));
        pos = close + 2;
        if (src.startsWith("}}", pos)) {
            pos += 2;
            return false;
        }
        if (src.startsWith(" -}}", pos)) {
            pos += 4;
            return true;
        }
        throw error("comment ends before closing delimiter");
    }

    private void lexItem(boolean space) {
        char c = src.charAt(pos);
        switch (c) {
            case '|' -> single(Token.Kind.PIPE, space);
            case '(' -> single(Token.Kind.LPAREN, space);
            case ')' -> single(Token.Kind.RPAREN, space);
            case ',' -> single(Token.Kind.COMMA, space);
            case '=' -> single(Token.Kind.ASSIGN, space);
            case ':' -> {
                if (!src.startsWith(":=", pos)) throw error("expected :=");
                pos += 2;
                emit(Token.Kind.DECLARE, ":=", space);
            }
            case '"' -> quoted(space);
            case '`' -> raw(space);
            case '\'' -> charLiteral(space);
            case '$' -> emit(Token.Kind.VARIABLE, word(pos + 1, true), space);
            case '.' -> {
                if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                    number(space);
                } else if (pos + 1 < src.length() && isWordChar(src.charAt(pos + 1))) {
                    emit(Token.Kind.FIELD, word(pos, true), space);
                } else {
                    single(Token.Kind.DOT, space);
                }
            }
            default -> {
                if (Character.isDigit(c) || (c == '-' || c == '+') && pos + 1 < src.length()
                        && Character.isDigit(src.charAt(pos + 1))) {
                    number(space);
                } else if (isWordChar(c)) {
                    String w = word(pos, false);
                    Token.Kind k = switch (w) {
                        case "true", "false" -> Token.Kind.BOOL;
                        case "nil" -> Token.Kind.NIL;
                        default -> KEYWORDS.contains(w) ? Token.Kind.KEYWORD : Token.Kind.IDENT;
                    };
                    emit(k, w, space);
                } else {
                    throw error("unexpected \"" + c + "\" in command");
                }
            }
        }
    }

    /** A run of word characters from start; with dots, a field chain such as .A.B or $x.A. */
    private String word(int start, boolean dots) {
        int i = start;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (isWordChar(c) || dots && c == '.' && i + 1 < src.length() && isWordChar(src.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        String w = src.substring(pos, i);
        pos = i;
        return w;
    }

    private void number(boolean space) {
        int i = pos + 1;
        while (i < src.length()) {
            char c = src.charAt(i);
            char prev = src.charAt(i - 1);
            boolean exponentSign = (c == '+' || c == '-') && (prev == 'e' || prev == 'E') && !src.startsWith("0x", pos);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                i++;
            } else {
                break;
            }
        }
        String n = src.substring(pos, i);
        pos = i;
        emit(Token.Kind.NUMBER, n, space);
    }

    private void quoted(boolean space) {
        int i = pos + 1;
        while (i < src.length() && src.charAt(i) != '"') {
            if (src.charAt(i) == '\\') i++;
            if (i < src.length() && src.charAt(i) == '\n') throw error("unterminated quoted string");
            i++;
        }
        if (i >= src.length()) throw error("unterminated quoted string");
        String s = src.substring(pos, i + 1);
        pos = i + 1;
        emit(Token.Kind.STRING, GoStrings.unquote(s), space);
    }

    private void raw(boolean space) {
        int close = src.indexOf('`', pos + 1);
        if (close < 0) throw error("unterminated raw quoted string");
        String s = src.substring(pos + 1, close);
        line += count(s);
        pos = close + 1;
        emit(Token.Kind.STRING, s, space);
    }

    private void charLiteral(boolean space) {
        int close = src.indexOf('\'', pos + 2);
        if (close < 0) throw error("unterminated character constant");
        String body = GoStrings.unquote("\"" + src.substring(pos + 1, close) + "\"");
        pos = close + 1;
        emit(Token.Kind.NUMBER, Integer.toString(body.codePointAt(0)), space);
    }

    private void single(Token.Kind kind, boolean space) {
        emit(kind, String.valueOf(src.charAt(pos)), space);
        pos++;
    }

    private void emit(Token.Kind kind, String text, boolean space) {
        int start = Math.max(0, pos - (kind == Token.Kind.TEXT || kind == Token.Kind.STRING ? 0 : text.length()));
        int lineStart = src.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        out.add(new Token(kind, text, line, Math.max(0, start - lineStart), space));
    }

    private TemplateException error(String msg) {
        return new TemplateException("template: :" + line + ": " + msg);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
