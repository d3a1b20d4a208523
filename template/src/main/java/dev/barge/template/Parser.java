package dev.barge.template;

import dev.barge.template.Node.Arg;
import dev.barge.template.Token.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Recursive descent over the lexer's tokens into {@link Node}s; checks function names as Go does. */
final class Parser {
    private final List<Token> tokens;
    private final Set<String> functions;
    private int at;

    private Parser(List<Token> tokens, Set<String> functions) {
        this.tokens = tokens;
        this.functions = functions;
    }

    static List<Node> parse(String src, Set<String> functions) {
        Parser p = new Parser(Lexer.lex(src), functions);
        List<Node> nodes = new ArrayList<>();
        String end = p.list(nodes);
        if (!end.equals("EOF")) throw p.error("unexpected {{" + end + "}}");
        return nodes;
    }

    /** Parses nodes until EOF, {{end}} or {{else; returns which, positioned after the keyword. */
    private String list(List<Node> nodes) {
        while (true) {
            Token t = next();
            switch (t.kind()) {
                case EOF -> {
                    return "EOF";
                }
                case TEXT -> nodes.add(new Node.Text(t.text()));
                case LEFT -> {
                    Token k = peek();
                    if (k.kind() == Kind.KEYWORD) {
                        next();
                        switch (k.text()) {
                            case "end" -> {
                                expect(Kind.RIGHT);
                                return "end";
                            }
                            case "else" -> {
                                return "else";
                            }
                            case "if" -> nodes.add(control(Node.Control.Kind.IF));
                            case "with" -> nodes.add(control(Node.Control.Kind.WITH));
                            case "range" -> nodes.add(control(Node.Control.Kind.RANGE));
                            case "break" -> {
                                expect(Kind.RIGHT);
                                nodes.add(new Node.Break());
                            }
                            case "continue" -> {
                                expect(Kind.RIGHT);
                                nodes.add(new Node.Continue());
                            }
                            default -> throw error("{{" + k.text() + "}} is not supported");
                        }
                    } else {
                        Node.Pipe pipe = pipeline(Kind.RIGHT, false);
                        nodes.add(new Node.Action(pipe));
                    }
                }
                default -> throw error("unexpected " + t.text());
            }
        }
    }

    private Node.Control control(Node.Control.Kind kind) {
        int line = peek().line();
        Node.Pipe pipe = pipeline(Kind.RIGHT, kind == Node.Control.Kind.RANGE);
        if (pipe.commands().isEmpty()) throw error("missing value for " + kind.name().toLowerCase());
        List<Node> body = new ArrayList<>();
        String end = list(body);
        List<Node> otherwise = new ArrayList<>();
        if (end.equals("else")) {
            Token k = peek();
            if (k.kind() == Kind.KEYWORD && (k.text().equals("if") || k.text().equals("with"))) {
                next();
                // {{else if x}} ... {{end}}: a nested control sharing the outer {{end}}
                otherwise.add(control(k.text().equals("if") ? Node.Control.Kind.IF : Node.Control.Kind.WITH));
            } else {
                expect(Kind.RIGHT);
                end = list(otherwise);
                if (!end.equals("end")) throw error("expected end; found " + end);
            }
        } else if (!end.equals("end")) {
            throw new TemplateException("template: :" + line + ": unexpected EOF");
        }
        return new Node.Control(kind, pipe, body, otherwise);
    }

    private Node.Pipe pipeline(Kind terminator, boolean range) {
        int line = peek().line();
        int column = peek().column();
        List<String> declared = new ArrayList<>();
        boolean assign = false;
        if (peek().kind() == Kind.VARIABLE) {
            Kind after = peekAt(1).kind();
            if (after == Kind.DECLARE || after == Kind.ASSIGN) {
                declared.add(next().text());
                assign = next().kind() == Kind.ASSIGN;
            } else if (range && after == Kind.COMMA && peekAt(2).kind() == Kind.VARIABLE
                    && peekAt(3).kind() == Kind.DECLARE) {
                declared.add(next().text());
                next();
                declared.add(next().text());
                next();
            }
        }
        List<Node.Command> commands = new ArrayList<>();
        StringBuilder source = new StringBuilder();
        while (true) {
            commands.add(command(source));
            Token t = next();
            if (t.kind() == terminator) break;
            if (t.kind() != Kind.PIPE) throw error("unexpected " + describe(t) + " in operand");
            source.append(" | ");
        }
        if (commands.size() == 1 && commands.getFirst().args().isEmpty()) {
            if (declared.isEmpty()) throw error("missing value for command");
            throw error("missing value for command");
        }
        return new Node.Pipe(List.copyOf(declared), assign, commands, line, column, source.toString());
    }

    private Node.Command command(StringBuilder source) {
        List<Arg> args = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.PIPE || t.kind() == Kind.RIGHT || t.kind() == Kind.RPAREN || t.kind() == Kind.EOF) {
                break;
            }
            if (!args.isEmpty() && !t.spaceBefore() && t.kind() != Kind.FIELD) {
                throw error("missing space?");
            }
            if (!args.isEmpty()) source.append(' ');
            args.add(operand(source));
        }
        if (args.isEmpty() && peek().kind() != Kind.RIGHT) throw error("missing value for command");
        return new Node.Command(args);
    }

    private Arg operand(StringBuilder source) {
        Token t = next();
        source.append(t.text());
        Arg arg = switch (t.kind()) {
            case FIELD -> new Arg.Field(path(t.text()));
            case DOT -> new Arg.Field(List.of());
            case VARIABLE -> {
                int dot = t.text().indexOf('.');
                yield dot < 0 ? new Arg.Variable(t.text(), List.of())
                        : new Arg.Variable(t.text().substring(0, dot), path(t.text().substring(dot)));
            }
            case IDENT -> {
                if (!functions.contains(t.text())) throw error("function \"" + t.text() + "\" not defined");
                yield new Arg.Identifier(t.text());
            }
            case STRING -> new Arg.Literal(t.text());
            case NUMBER -> new Arg.Literal(number(t.text()));
            case BOOL -> new Arg.Literal(Boolean.parseBoolean(t.text()));
            case NIL -> new Arg.Literal(Values.NIL);
            case LPAREN -> {
                Node.Pipe inner = pipeline(Kind.RPAREN, false);
                source.append(inner.source()).append(')');
                yield new Arg.SubPipe(inner);
            }
            default -> throw error("unexpected " + describe(t) + " in operand");
        };
        while (peek().kind() == Kind.FIELD && !peek().spaceBefore()) {
            Token f = next();
            source.append(f.text());
            arg = new Arg.Chain(arg, path(f.text()));
        }
        return arg;
    }

    private static List<String> path(String dotted) {
        return List.copyOf(Arrays.asList(dotted.substring(1).split("\\.")));
    }

    private Object number(String text) {
        String n = text.replace("_", "");
        try {
            boolean negative = n.startsWith("-");
            String body = negative || n.startsWith("+") ? n.substring(1) : n;
            long sign = negative ? -1 : 1;
            if (body.startsWith("0x") || body.startsWith("0X")) return sign * Long.parseLong(body.substring(2), 16);
            if (body.startsWith("0o") || body.startsWith("0O")) return sign * Long.parseLong(body.substring(2), 8);
            if (body.startsWith("0b") || body.startsWith("0B")) return sign * Long.parseLong(body.substring(2), 2);
            if (body.matches("[0-9]+")) {
                return body.length() > 1 && body.startsWith("0") ? sign * Long.parseLong(body, 8) : Long.parseLong(n);
            }
            return Double.parseDouble(n);
        } catch (NumberFormatException e) {
            throw error("bad number syntax: \"" + text + "\"");
        }
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case RIGHT -> "\"}}\"";
            case RPAREN -> "\")\"";
            case EOF -> "EOF";
            default -> "<" + t.text() + ">";
        };
    }

    private Token next() {
        return tokens.get(Math.min(at++, tokens.size() - 1));
    }

    private Token peek() {
        return peekAt(0);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private void expect(Kind kind) {
        Token t = next();
        if (t.kind() != kind) throw error("unexpected " + describe(t));
    }

    private TemplateException error(String msg) {
        return new TemplateException("template: :" + tokens.get(Math.max(0, Math.min(at, tokens.size()) - 1)).line()
                + ": " + msg);
    }
}
