/**
 * The kernel behind small Java interfaces: mount, FIFOs, O_PATH handles, SOCK_SEQPACKET sockets.
 * The only package of Barge with FFM code; each facility with an interface has a recording fake
 * so the modules above it test without root.
 */
package dev.barge.linux;
