package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record ContainerUpdateResponse(@JsonProperty("Warnings") List<String> warnings) {}
