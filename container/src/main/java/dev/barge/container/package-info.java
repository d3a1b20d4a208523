/**
 * The container service: Docker's container lifecycle in domain terms, no JSON names and no
 * HTTP. {@link dev.barge.container.ContainerService} is the entry point; the composition root
 * builds it from an {@link dev.barge.container.ImageAccess} (images, adapted), the runtime's
 * {@code RuntimeDriver}, the {@code EventBus} and the data root.
 *
 * <p>Parts: {@code Verb} (the one table of legal verbs per {@link dev.barge.container.Status}),
 * {@code Creation} (merge with the image by Docker's rules, names, /etc files), {@code Runs}
 * (one run from start to exit: runtime create/start, Docker's start errors, restart policy
 * with back-off, auto-remove), {@code Stopping}, {@code Removal}, {@code LiveRestore}
 * (start-up reconciliation), {@code Execs}, {@code LogOptions} (what docker logs asks of the runtime's log reader), {@code ProcessTable}
 * (top). Each container's record is saved atomically by {@code ContainerStore}.
 */
package dev.barge.container;
