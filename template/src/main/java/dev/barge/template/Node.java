package dev.barge.template;

import java.util.List;

/** The parse tree of a template: text, actions and the control structures around lists of nodes. */
sealed interface Node {
    record Text(String text) implements Node {}

    /** {{pipeline}}: evaluated and printed unless it declares variables. */
    record Action(Pipe pipe) implements Node {}

    /** {{if}}, {{with}} and {{range}}: one body, an optional else body. */
    record Control(Kind kind, Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {
        enum Kind { IF, WITH, RANGE }
    }

    record Break() implements Node {}

    record Continue() implements Node {}

    /** Commands joined by '|', each result passed as the last argument of the next. */
    record Pipe(List<String> declared, boolean assign, List<Command> commands, int line, int column, String source) {}

    record Command(List<Arg> args) {}

    /** The operands of a command. */
    sealed interface Arg {
        /** .A.B on dot; an empty path is dot itself. */
        record Field(List<String> path) implements Arg {}

        record Variable(String name, List<String> path) implements Arg {}

        record Identifier(String name) implements Arg {}

        record Literal(Object value) implements Arg {}

        record SubPipe(Pipe pipe) implements Arg {}

        /** (pipeline).A.B */
        record Chain(Arg base, List<String> path) implements Arg {}
    }
}
