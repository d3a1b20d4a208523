/** Reading conmon's CRI k8s-file logs: replay then follow as one cursor. */
package dev.barge.runtime.logs;
