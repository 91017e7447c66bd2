package dev.saraf.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of {@code ./demo}: runs one example by name. */
public final class Examples {
    private Examples() {}

    private static Map<String, Runnable> examples() {
        Map<String, Runnable> m = new LinkedHashMap<>();
        m.put("engine", () -> EngineDemo.main(new String[0]));
        m.put("perceptron", () -> Perceptron.main(new String[0]));
        m.put("xor", () -> Xor.main(new String[0]));
        m.put("sine", () -> SineRegression.main(new String[0]));
        m.put("activations", () -> Activations.main(new String[0]));
        m.put("lesson", () -> {
            for (Runnable r : new Runnable[] {() -> Perceptron.main(new String[0]), () -> Xor.main(new String[0]),
                    () -> SineRegression.main(new String[0]), () -> Activations.main(new String[0])}) {
                r.run();
                System.out.println();
            }
        });
        return m;
    }

    public static void main(String[] args) {
        Map<String, Runnable> all = examples();
        String name = args.length == 0 ? "engine" : args[0];
        if (name.equals("--list") || name.equals("--help") || name.equals("-h")) {
            System.out.println("usage: ./demo [NAME]   examples: " + String.join(", ", all.keySet()));
            return;
        }
        Runnable r = all.get(name);
        if (r == null) {
            System.err.println("no example named '" + name + "'; examples: " + String.join(", ", all.keySet()));
            System.exit(2);
        }
        r.run();
    }
}
