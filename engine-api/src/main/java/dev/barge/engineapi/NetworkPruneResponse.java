package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /networks/prune} answer: names of the removed networks (null when none, as moby). */
public record NetworkPruneResponse(@JsonProperty("NetworksDeleted") List<String> networksDeleted) {}
