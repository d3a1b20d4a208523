package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record ContainerTopResponse(@JsonProperty("Titles") List<String> titles,
                                   @JsonProperty("Processes") List<List<String>> processes) {}
