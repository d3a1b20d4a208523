package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of every Engine API error response. */
public record ErrorMessage(@JsonProperty("message") String message) {}
