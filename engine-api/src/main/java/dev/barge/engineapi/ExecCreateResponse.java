package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"Id": "..."}}, exec create answer. */
public record ExecCreateResponse(@JsonProperty("Id") String id) {}
