package dev.barge.network;

import dev.barge.core.BargeException;

/** One entry of daemon.json's {@code default-address-pools}: subnets of length {@code size} carved from {@code base}. */
public record AddressPool(Subnet base, int size) {
    public AddressPool {
        if (size < base.prefix() || size > 30) {
            throw BargeException.invalid("invalid default address pool %s with size %d", base, size);
        }
    }
}
