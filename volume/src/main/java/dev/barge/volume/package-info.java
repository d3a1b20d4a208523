/**
 * Volumes: the {@code local} driver ({@link dev.barge.volume.VolumeService}), its on-disk records
 * and mounts for driver-option volumes. Knows nothing of containers: who uses a volume comes
 * through {@link dev.barge.volume.VolumeUsage}.
 */
package dev.barge.volume;
