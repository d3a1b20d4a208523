package dev.barge.network.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A fake kernel for unit tests: keeps the links it was asked for and the calls, in order. */
public final class RecordingLinks implements Links {
    private final Set<String> links = new LinkedHashSet<>();
    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized void ensureBridge(String name, String gatewayCidr, int mtu) {
        calls.add("bridge " + name + " " + gatewayCidr);
        links.add(name);
    }

    @Override
    public synchronized void deleteBridge(String name) {
        calls.add("delete-bridge " + name);
        links.remove(name);
    }

    @Override
    public synchronized void addVeth(String bridge, int mtu, String hostName, Path netns, Inside inside) {
        calls.add("veth " + hostName + " " + bridge + " " + inside.name() + " " + inside.cidr());
        links.add(hostName);
    }

    @Override
    public synchronized void deleteLink(String name) {
        calls.add("delete " + name);
        links.remove(name);
    }

    @Override
    public synchronized void defaultRoute(Path netns, String ifname, String gateway) {
        calls.add("route " + ifname + " via " + gateway);
    }

    @Override
    public synchronized void addIpv6(Path netns, String ifname, String cidr, String gateway) {
        calls.add("ipv6 " + ifname + " " + cidr + (gateway.isEmpty() ? "" : " via " + gateway));
    }

    @Override
    public synchronized void addAddress(Path netns, String ifname, String cidr) {
        calls.add("addr " + ifname + " " + cidr);
    }

    @Override
    public synchronized void loopbackUp(Path netns) {
        calls.add("lo " + netns);
    }

    @Override
    public synchronized List<String> linkNames() {
        return List.copyOf(links);
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
