package dev.barge.cli;

import java.io.IOException;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Parameters;

/** docker logout: removes the server's entry (and its http:// and https:// spellings) from config.json. */
@Command(name = "logout", description = "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.")
final class LogoutCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER")
    String server;

    @Override
    int run() throws IOException {
        boolean hub = server == null || server.isEmpty();
        String address = hub ? RegistryAuth.INDEX_SERVER : RegistryAuth.hostname(server);
        cli.out.println("Removing login credentials for " + address);
        RegistryAuth store = RegistryAuth.load(cli);
        if (hub) {
            store.erase(address);
        } else {
            for (String key : new String[] {address, "http://" + address, "https://" + address}) store.erase(key);
        }
        return 0;
    }
}
