package dev.barge.template;

/**
 * A Go map inside data shaped as Docker's typed structs (Labels, Options...): a missing key is
 * {@code <no value>} even under missingkey=error, as docker's typed pass over inspect data prints
 * it; only a struct's unknown field is an error there.
 */
public interface GoMap {}
