/**
 * barge, a stand-in for the docker command line (bin/barge runs {@link dev.barge.cli.Main}).
 *
 * <p>{@code Main} reads the global flags by hand and loads only the named command's class
 * ({@code Commands}), whose annotated fields {@code args.ArgParser} fills the way docker's pflag
 * reads flags (picocli was dropped: its Java 5 class files cannot go into the JDK's AOT cache and
 * cost half the start-up); start-up is further cut by the AOT cache that {@code mvn package}
 * trains ({@code Training}). One class per command; shared pieces:
 * {@code Listing} (--format and "table" output through {@code TabWriter}), {@code Units}
 * (go-units durations and sizes), {@code ContainerOptions} (create/run flags to the create
 * body), {@code AttachStreams} (hijacked stdin/stdout/stderr, raw TTY, detach keys).
 *
 * <p>Docker's CLI is the spec: the tests run the real docker against the same scripted daemon
 * and compare requests, output, errors and exit statuses.
 */
package dev.barge.cli;
