/**
 * Go's text/template, as far as Docker's --format needs it, over Java data (maps, lists, records,
 * Jackson trees).
 *
 * <p>{@link dev.barge.template.Template#parse(String)} lexes ({@code Lexer}) and parses
 * ({@code Parser}) into a small tree ({@code Node}); {@code Executor} walks it over one value.
 * {@code Values} is Go's view of Java data (field lookup, truth, %v), {@code GoFmt} is fmt's
 * Sprint/Sprintf, {@code Builtins} holds Go's functions and Docker's json/split/join/title/
 * lower/upper/pad/truncate. Depends on the JDK and Jackson only.
 */
package dev.barge.template;
