package dev.saraf.serve.store;

import dev.saraf.serve.registry.ModelInfo;
import dev.saraf.serve.registry.ModelRegistry;
import dev.saraf.serve.registry.ModelVersion;
import dev.saraf.serve.registry.Registry;
import dev.saraf.serve.registry.Stage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The child process of {@link CrashSafetyTest}: opens a registry and registers, promotes and
 * deletes versions at random, forever, printing one line per finished operation, until it is killed.
 *
 * <p>Arguments: home, JDBC URL (or {@code -} for SQLite), directory of model files, seed.
 */
public final class RegisterLoop {
    private RegisterLoop() {}

    /** Runs until killed. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        String url = args[1].equals("-") ? null : args[1];
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(args[2]))) {
            for (Path p : s.sorted().toList()) {
                files.add(Files.readAllBytes(p));
            }
        }
        SplittableRandom rng = new SplittableRandom(Long.parseLong(args[3]));
        try (Registry registry = Registry.open(home, url)) {
            ModelRegistry models = registry.models();
            System.out.println("ready");
            System.out.flush();
            while (true) {
                String model = "m" + rng.nextInt(3);
                int action = rng.nextInt(10);
                List<ModelVersion> versions = models.model(model).map(ModelInfo::versions).orElse(List.of());
                if (action < 6 || versions.isEmpty()) {
                    ModelVersion v = models.register(model, new ByteArrayInputStream(files.get(rng.nextInt(files.size()))), "loop");
                    System.out.println("registered " + model + " " + v.version());
                } else if (action < 8) {
                    ModelVersion v = versions.get(rng.nextInt(versions.size()));
                    models.setStage(model, v.version(), Stage.PRODUCTION);
                    System.out.println("promoted " + model + " " + v.version());
                } else {
                    ModelVersion v = versions.get(rng.nextInt(versions.size()));
                    models.delete(model, v.version());
                    System.out.println("deleted " + model + " " + v.version());
                }
                System.out.flush();
            }
        }
    }
}
