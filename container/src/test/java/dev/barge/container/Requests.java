package dev.barge.container;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Create requests for tests. */
final class Requests {
    private Requests() {}

    static ContainerConfig config(String image, List<String> cmd) {
        return new ContainerConfig("", "", "", false, true, true, false, false, false, List.of(), cmd, List.of(),
                image, "", Map.of(), "", -1, List.of(), List.of(), ImageConfig.Healthcheck.NONE);
    }

    static CreateRequest create(String name, List<String> cmd) {
        return new CreateRequest(name, config("busybox", cmd), Optional.empty(), HostOptions.defaults());
    }

    static CreateRequest create(String name, List<String> cmd, HostOptions host) {
        return new CreateRequest(name, config("busybox", cmd), Optional.empty(), host);
    }

    static HostOptions withRestart(RestartPolicy p) {
        return HostOptions.defaults().withRestartPolicy(p);
    }

    static HostOptions autoRemove() {
        HostOptions d = HostOptions.defaults();
        return new HostOptions(d.binds(), d.networkMode(), d.restartPolicy(), true, d.capAdd(), d.capDrop(), d.dns(),
                d.dnsSearch(), d.dnsOptions(), d.extraHosts(), d.groupAdd(), d.privileged(), d.readonlyRootfs(),
                d.securityOpt(), d.tmpfs(), d.shmSize(), d.sysctls(), d.ulimits(), d.init(), d.runtime(),
                d.resources(), d.portBindings(), d.publishAllPorts());
    }
}
