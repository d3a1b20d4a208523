package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

/** docker login: POST /auth, then the credentials into config.json as docker's file store keeps them. */
@Command(name = "login", description = "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.")
final class LoginCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER")
    String server;

    @Option(names = {"-p", "--password"}, description = "Password or Personal Access Token (PAT)")
    String password;

    @Option(names = "--password-stdin", description = "Take the Password or Personal Access Token (PAT) from stdin")
    boolean passwordStdin;

    @Option(names = {"-u", "--username"}, description = "Username")
    String username;

    @Override
    int run() throws IOException {
        if (password != null && !password.isEmpty()) {
            if (passwordStdin) {
                throw new StatusException(1, "conflicting options: cannot specify both --password and --password-stdin");
            }
            cli.err.println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        }
        if (passwordStdin) {
            if (username == null || username.isEmpty()) {
                throw new StatusException(1, "the --password-stdin option requires --username to be set");
            }
            String read = new String(cli.in.readAllBytes(), StandardCharsets.UTF_8);
            if (read.endsWith("\n")) read = read.substring(0, read.length() - 1);
            if (read.endsWith("\r")) read = read.substring(0, read.length() - 1);
            password = read;
        }
        String address = server == null || server.isEmpty() || server.equals("docker.io") ? RegistryAuth.INDEX_SERVER : server;
        RegistryAuth store = RegistryAuth.load(cli);
        boolean noFlags = (username == null || username.isEmpty()) && (password == null || password.isEmpty());
        Optional<RegistryAuth.Credentials> stored = noFlags ? store.find(address) : Optional.empty();
        if (stored.isPresent()) {
            cli.err.println("Authenticating with existing credentials... [Username: " + stored.get().username() + "]");
            try {
                String status = login(stored.get().username(), stored.get().password(), address);
                cli.err.println("\n Info -> To login with a different account, run 'barge logout' followed by 'barge login'\n\n");
                cli.out.println(status);
                return 0;
            } catch (dev.barge.client.EngineException e) {
                // stale credentials: ask for new ones below
            }
        }
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            if (!cli.stdinIsTerminal()) {
                throw new StatusException(1, "Error: Cannot perform an interactive login from a non TTY device");
            }
            if (username == null || username.isEmpty()) username = prompt("Username: ", false);
            if (username.isEmpty()) throw new StatusException(1, "Error: Non-null Username Required");
            if (password == null || password.isEmpty()) password = prompt("Password: ", true);
            if (password.isEmpty()) throw new StatusException(1, "Error: Password Required");
        }
        String status = login(username, password, address);
        store.store(new RegistryAuth.Credentials(username, password, address));
        cli.err.println("\nWARNING! Your credentials are stored unencrypted in '" + store.file() + "'.\n"
                + "Configure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n");
        cli.out.println(status);
        return 0;
    }

    private String login(String user, String pass, String address) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", user);
        body.put("password", pass);
        body.put("serveraddress", address);
        JsonNode r = cli.client().json(Request.post("/auth").json(body));
        return r.path("Status").asText("Login Succeeded");
    }

    private String prompt(String label, boolean secret) throws IOException {
        // echo goes off before the prompt shows: what is typed after it never appears
        Runnable restore = secret ? Terminal.raw() : () -> {};
        cli.out.print(label);
        cli.out.flush();
        StringBuilder b = new StringBuilder();
        try {
            for (int c = cli.in.read(); c >= 0 && c != '\n' && c != '\r'; c = cli.in.read()) b.append((char) c);
        } finally {
            restore.run();
            if (secret) cli.out.println();
        }
        return b.toString().trim();
    }
}
