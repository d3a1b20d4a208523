/**
 * The runtime contract the container service uses: {@link dev.barge.runtime.RuntimeDriver},
 * what a run needs ({@link dev.barge.runtime.RunSpec}), and the live sessions it hands out.
 * The implementation is in {@code dev.barge.runtime.conmon}.
 */
package dev.barge.runtime;
