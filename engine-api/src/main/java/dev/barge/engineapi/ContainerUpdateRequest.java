package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /containers/{id}/update}: resources and the restart policy. */
public record ContainerUpdateRequest(
        @JsonProperty("RestartPolicy") HostConfig.RestartPolicy restartPolicy,
        @JsonProperty("CpuShares") Long cpuShares,
        @JsonProperty("Memory") Long memory,
        @JsonProperty("NanoCpus") Long nanoCpus,
        @JsonProperty("CpuPeriod") Long cpuPeriod,
        @JsonProperty("CpuQuota") Long cpuQuota,
        @JsonProperty("CpusetCpus") String cpusetCpus,
        @JsonProperty("MemorySwap") Long memorySwap,
        @JsonProperty("PidsLimit") Long pidsLimit) {}
