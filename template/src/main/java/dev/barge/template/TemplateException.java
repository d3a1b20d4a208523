package dev.barge.template;

/** A template that cannot be parsed or executed; the message is worded like Go's text/template. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
