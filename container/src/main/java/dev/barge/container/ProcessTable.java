package dev.barge.container;

import dev.barge.core.OffCarrier;
import dev.barge.core.BargeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code docker top}: the host's {@code ps} output, kept to the rows of processes that share
 * the container's PID namespace.
 */
final class ProcessTable {
    private ProcessTable() {}

    static TopResult top(int initPid, String psArgs) {
        Set<Integer> pids = pidsInNamespaceOf(initPid);
        List<String> args = Arrays.stream(psArgs.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        // as Docker: ask ps for exactly these PIDs (-q), and retry without when the options clash with -q
        List<String> withPids = new ArrayList<>(args);
        withPids.add("-q");
        withPids.add(String.join(",", pids.stream().sorted().map(String::valueOf).toList()));
        String output;
        try {
            output = runPs(withPids);
        } catch (BargeException e) {
            output = runPs(args);
        }
        return filter(output, pids);
    }

    /** Every host PID whose PID namespace is the one of {@code initPid}. */
    static Set<Integer> pidsInNamespaceOf(int initPid) {
        Set<Integer> pids = new HashSet<>();
        pids.add(initPid);
        String ns;
        try {
            ns = Files.readSymbolicLink(Path.of("/proc", Integer.toString(initPid), "ns", "pid")).toString();
        } catch (IOException e) {
            return pids;
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readSymbolicLink(p.resolve("ns").resolve("pid")).toString().equals(ns)) {
                        pids.add(Integer.parseInt(name));
                    }
                } catch (IOException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            throw BargeException.internal("cannot list /proc", e);
        }
        return pids;
    }

    private static String runPs(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("ps");
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // a pipe read holds a virtual thread's carrier: on a platform thread (see OffCarrier)
            byte[] out = OffCarrier.call(p.getInputStream()::readAllBytes);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw BargeException.internal("Error running ps: " + new String(out, StandardCharsets.UTF_8).trim(),
                        null);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BargeException.internal("Error running ps: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("interrupted while running ps", e);
        }
    }

    /** Keeps the rows whose PID column is in {@code pids}; the last column keeps its spaces. */
    static TopResult filter(String psOutput, Set<Integer> pids) {
        List<String> lines = psOutput.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw BargeException.internal("Error running ps: no output", null);
        }
        List<String> titles = List.of(lines.getFirst().trim().split("\\s+"));
        int pidColumn = titles.indexOf("PID");
        if (pidColumn < 0) {
            throw BargeException.internal("Couldn't find PID field in ps output", null);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+", titles.size());
            if (fields.length <= pidColumn) {
                continue;
            }
            try {
                if (pids.contains(Integer.parseInt(fields[pidColumn]))) {
                    rows.add(List.of(fields));
                }
            } catch (NumberFormatException e) {
                // not a process row
            }
        }
        return new TopResult(titles, rows);
    }
}
