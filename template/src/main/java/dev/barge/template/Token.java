package dev.barge.template;

/**
 * One lexical item inside or outside an action.
 *
 * @param column byte offset in its line, as Go reports positions
 * @param spaceBefore whether white space preceded it: {@code (x).F} chains a field, {@code (x) .F} is an argument
 */
record Token(Kind kind, String text, int line, int column, boolean spaceBefore) {
    enum Kind {
        TEXT, LEFT, RIGHT, FIELD, VARIABLE, DOT, IDENT, STRING, NUMBER, BOOL, NIL,
        PIPE, LPAREN, RPAREN, DECLARE, ASSIGN, COMMA, KEYWORD, EOF
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }
}
