package dev.barge.store;

import dev.barge.core.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OCI chain IDs: {@code chainID(L0) = diffID(L0)}, {@code chainID(Ln) = sha256(chainID(Ln-1) + " " + diffID(Ln))}.
 * A chain ID names a layer together with everything below it, so equal stacks share snapshots.
 */
public final class ChainIds {
    private ChainIds() {}

    public static Digest next(Optional<Digest> parent, Digest diffId) {
        return parent.map(p -> Digest.sha256((p + " " + diffId).getBytes(StandardCharsets.UTF_8))).orElse(diffId);
    }

    /** The chain IDs of a stack of diff IDs, bottom first. */
    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> chain = new ArrayList<>();
        Optional<Digest> parent = Optional.empty();
        for (Digest diffId : diffIds) {
            Digest id = next(parent, diffId);
            chain.add(id);
            parent = Optional.of(id);
        }
        return chain;
    }
}
