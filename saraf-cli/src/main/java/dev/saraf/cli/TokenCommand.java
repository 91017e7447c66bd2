package dev.saraf.cli;

import dev.saraf.serve.registry.Registry;
import dev.saraf.serve.registry.TokenInfo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code saraf token}: API tokens for the server's management endpoints (stored hashed). */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Create, list and revoke API tokens for the server's management API (only their SHA-256 is stored).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class},
        footerHeading = "%nExamples:%n",
        footer = {"  saraf token create --home /srv/saraf --label ci",
                "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/models"})
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: create, list or revoke");
    }

    /** Options every token subcommand shares. */
    static class Home {
        @Option(names = "--home", description = "Registry home (default: ~/.saraf).")
        Path home;

        @Option(names = "--db", description = "JDBC URL of the registry's PostgreSQL database (default: SQLite under --home).")
        String db;

        Registry open() {
            return Registry.open(ServeCommand.defaultHome(home), db);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it (shown only this once).")
    static final class Create implements Callable<Integer> {
        private final Console console;

        @picocli.CommandLine.Mixin
        Home home = new Home();

        @Option(names = "--label", defaultValue = "cli", description = "What the token is for (default: ${DEFAULT-VALUE}).")
        String label;

        Create(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() throws Exception {
            try (Registry r = home.open()) {
                console.out().println(r.tokens().create(label));
            }
            console.err().println("(store it now: saraf keeps only its hash; send it as 'Authorization: Bearer TOKEN')");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List live tokens (ids and labels; never the tokens).")
    static final class ListTokens implements Callable<Integer> {
        private final Console console;

        @picocli.CommandLine.Mixin
        Home home = new Home();

        ListTokens(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() throws Exception {
            try (Registry r = home.open()) {
                for (TokenInfo t : r.tokens().list()) {
                    console.out().println(t);
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id (see 'saraf token list').")
    static final class Revoke implements Callable<Integer> {
        private final Console console;

        @picocli.CommandLine.Mixin
        Home home = new Home();

        @Parameters(paramLabel = "ID", description = "The token's id.")
        String id;

        Revoke(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() throws Exception {
            try (Registry r = home.open()) {
                if (!r.tokens().revoke(id)) {
                    throw new CliException("no live token with id '" + id + "' (see 'saraf token list')");
                }
            }
            console.out().println("revoked " + id);
            return 0;
        }
    }
}
