package dev.saraf.cli;

import dev.saraf.serve.SarafServer;
import dev.saraf.serve.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code saraf serve}: the model server (Open Inference Protocol), registry, training jobs and web UI. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve models over the Open Inference Protocol (KServe v2 REST), with the model registry,",
                "training jobs and the web UI at http://HOST:PORT/. Stop with Ctrl-C: requests in flight finish first."},
        footerHeading = "%nExamples:%n",
        footer = {"  saraf serve                                   127.0.0.1:8080, registry under ~/.saraf",
                "  saraf serve --port 9000 --home /srv/saraf",
                "  saraf serve --db jdbc:postgresql://db:5432/saraf?user=saraf   metadata in PostgreSQL",
                "  saraf token create --home /srv/saraf          a token for the management API",
                "See docs/serving.md for curl examples of every endpoint."})
final class ServeCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--home", description = "Registry home: models, database, jobs (default: ~/.saraf).")
    Path home;

    @Option(names = "--db", description = "JDBC URL of a PostgreSQL database for the registry metadata (default: SQLite under --home).")
    String db;

    @Option(names = "--auth-inference", description = "Require a Bearer token for inference too (management always needs one).")
    boolean authInference;

    @Option(names = "--no-batching", negatable = false, description = "Run each inference request alone instead of coalescing concurrent ones.")
    boolean noBatching;

    @Option(names = "--batch-delay-ms", defaultValue = "2", description = "Dynamic batching: most milliseconds to wait for requests on their way (default: ${DEFAULT-VALUE}).")
    int batchDelayMs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Dynamic batching: most examples in one forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    ServeCommand(Console console) {
        this.console = console;
    }

    static Path defaultHome(Path home) {
        return home != null ? home : Path.of(System.getProperty("user.home"), ".saraf");
    }

    @Override
    public Integer call() throws Exception {
        if (batchDelayMs < 0 || batchDelayMs > 1000) {
            throw CliException.usage("--batch-delay-ms must be 0..1000, got " + batchDelayMs);
        }
        ServerConfig config = ServerConfig.defaults(defaultHome(home)).withAddress(host, port).withDatabase(db)
                .withInferenceAuth(authInference)
                .withBatching(!noBatching, Duration.ofMillis(batchDelayMs), batchSize);
        SarafServer server = SarafServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "saraf-shutdown"));
        console.out().println("saraf serving on http://" + host + ":" + server.port() + "/  (home " + config.home()
                + (db == null ? ", SQLite" : ", PostgreSQL") + ")");
        console.out().println("  web UI:     http://" + host + ":" + server.port() + "/");
        console.out().println("  inference:  POST /v2/models/NAME/infer    health: GET /v2/health/ready    metrics: GET /metrics");
        console.out().println("  management: needs a token: saraf token create --home " + config.home());
        server.join();
        return 0;
    }
}
