package dev.barge.container;

import dev.barge.core.BargeException;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Container names: validation and generated {@code adjective_scientist} names (our own word lists). */
public final class Names {
    private static final Pattern VALID = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final List<String> ADJECTIVES = List.of(
            "agile", "amber", "ardent", "bold", "brave", "breezy", "bright", "calm", "candid", "cheery",
            "clever", "cosmic", "crisp", "curious", "daring", "deft", "eager", "earnest", "elated", "fabled",
            "fearless", "fleet", "frank", "gallant", "gentle", "gleaming", "glad", "golden", "hardy", "honest",
            "humble", "jolly", "keen", "kind", "lively", "lucid", "lucky", "merry", "mellow", "nimble",
            "noble", "patient", "plucky", "polished", "proud", "quiet", "quick", "radiant", "rapid", "serene",
            "sincere", "snappy", "spry", "steady", "stellar", "sunny", "swift", "tidy", "upbeat", "vivid",
            "warm", "witty", "zesty");

    private static final List<String> SURNAMES = List.of(
            "ampere", "avogadro", "babbage", "bernoulli", "bohr", "boole", "cantor", "carnot", "cauchy", "celsius",
            "coulomb", "curie", "dalton", "dijkstra", "dirac", "doppler", "euler", "faraday", "fermat", "fermi",
            "feynman", "fourier", "franklin", "galois", "gauss", "germain", "gibbs", "goedel", "hamilton", "hertz",
            "hilbert", "hopper", "huygens", "jacobi", "joule", "kelvin", "kepler", "knuth", "lagrange", "lamarr",
            "laplace", "leibniz", "lovelace", "maxwell", "meitner", "mendel", "noether", "ohm", "pascal", "pauli",
            "planck", "poisson", "ramanujan", "riemann", "shannon", "somerville", "tesla", "turing", "volta",
            "watt", "wiles", "yalow", "zuse");

    private Names() {}

    /** Normalises a user-given name to {@code /name}; INVALID_ARGUMENT with Docker's message if bad. */
    public static String validate(String name) {
        if (!VALID.matcher(name).matches()) {
            throw BargeException.invalid("Invalid container name (%s), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
                    name);
        }
        return name.startsWith("/") ? name : "/" + name;
    }

    /** A fresh {@code /adjective_surname} that {@code taken} rejects; digits appended after many clashes. */
    public static String generate(Predicate<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String name = "/" + ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_"
                    + SURNAMES.get(RANDOM.nextInt(SURNAMES.size()));
            if (attempt >= 10) {
                name += RANDOM.nextInt(10);
            }
            if (!taken.test(name)) {
                return name;
            }
        }
    }

    static List<String> adjectives() {
        return ADJECTIVES;
    }

    static List<String> surnames() {
        return SURNAMES;
    }
}
