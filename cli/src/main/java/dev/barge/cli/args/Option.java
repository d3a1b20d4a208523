package dev.barge.cli.args;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A flag on a field: boolean (set, or given =true/=false), String, int/Integer, long/Long, or
 * List&lt;String&gt; (repeatable).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Option {
    /** "-a", "--all": one letter after a single dash, words after two. */
    String[] names();

    String description() default "";

    /** Accepted for readability; booleans always take an optional =value. */
    String arity() default "";

    /** Accepted for readability; a boolean given without a value is true. */
    String fallbackValue() default "";

    /** pflag's type word in the help ("bytes", "decimal", "strings"); empty: from the field's type. */
    String type() default "";

    /** This flag asks for the command's help. */
    boolean usageHelp() default false;
}
