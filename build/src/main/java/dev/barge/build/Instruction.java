package dev.barge.build;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Dockerfile instruction as written: its keyword (upper case), its {@code --flag=value}
 * options, its arguments (raw text, continuations joined) and, when they were a JSON array,
 * the parsed array (exec form).
 *
 * @param line     the line the instruction starts on (1-based), for "Dockerfile:LINE" errors
 * @param original the instruction's text as Docker prints it in "Step n/m : ..."
 */
public record Instruction(int line, String keyword, Map<String, String> flags, String args,
                          Optional<List<String>> json, String original) {
    public Instruction {
        flags = Map.copyOf(flags);
    }

    public String flag(String name) {
        return flags.getOrDefault(name, "");
    }
}
