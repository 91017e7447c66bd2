package dev.saraf.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Compares two builds of saraf on one {@link Workloads} figure inside one JVM, alternating rounds
 * between them (ABBA order), so that both see the same load: on a shared machine two separate runs
 * minutes apart can differ by 2x from the load alone.
 *
 * <p>Usage: {@code WorkloadsAB <classpath A> <classpath B> mlp|cnn train|b1000|b1 [rounds] [steps]}
 * where each classpath holds saraf-kernels, -core, -nn and this module's {@code Workloads}
 * (e.g. {@code a/saraf-kernels/target/classes:a/saraf-core/target/classes:...}). Set the thread
 * count with {@code -Dsaraf.threads=N}: each build has its own pool. Prints the median wall and
 * process-CPU time per step of each build and their ratios B/A.
 *
 * <p>Because each build has its own pool, the comparison is biased for a change that alters how
 * often ops fan out: the two pools' workers share the cores, and fewer fan-outs looked up to 20%
 * faster here than in separate processes (batch-1 inference with more fan-outs looked 1.6x
 * slower). Compare such changes in separate JVMs, alternating.
 */
public final class WorkloadsAB {
    private WorkloadsAB() {}

    /** One timed unit of work of one build. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Runs the comparison and prints one line. */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: WorkloadsAB <classpath A> <classpath B> mlp|cnn train|b1000|b1 [rounds] [steps]");
        }
        String net = args[2];
        String mode = args[3];
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 9;
        int steps = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        Step[] builds = {load(args[0], net, mode), load(args[1], net, mode)};
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[][] wall = new double[2][rounds];
        double[][] cpu = new double[2][rounds];
        for (int r = -2; r < rounds; r++) { // two untimed rounds warm both builds up
            for (int k = 0; k < 2; k++) {
                int b = (r & 1) == 0 ? k : 1 - k;
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    builds[b].run();
                }
                if (r >= 0) {
                    wall[b][r] = (System.nanoTime() - t0) / 1e6 / steps;
                    cpu[b][r] = (os.getProcessCpuTime() - c0) / 1e6 / steps;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s %s threads=%s load=%.1f | A: wall %.3f ms, cpu %.3f ms | B: wall %.3f ms, cpu %.3f ms"
                + " | B/A wall %.2f, cpu %.2f%n", net, mode, System.getProperty("saraf.threads", "default"),
                os.getSystemLoadAverage(), Workloads.median(wall[0]), Workloads.median(cpu[0]), Workloads.median(wall[1]),
                Workloads.median(cpu[1]), Workloads.median(wall[1]) / Workloads.median(wall[0]),
                Workloads.median(cpu[1]) / Workloads.median(cpu[0]));
    }

    /** The step of {@code mode} from the build on {@code classpath}, in a class loader of its own. */
    private static Step load(String classpath, String net, String mode) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String p : classpath.split(File.pathSeparator)) {
            urls.add(new File(p).toURI().toURL());
        }
        // parent: the platform loader, so nothing of saraf leaks in from this JVM's own class path
        ClassLoader l = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> netClass = l.loadClass("dev.saraf.bench.Workloads$Net");
        Class<?> trainerClass = l.loadClass("dev.saraf.bench.Workloads$Trainer");
        Object which = Arrays.stream(netClass.getEnumConstants()).filter(e -> e.toString().equalsIgnoreCase(net)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown network " + net + "; use mlp or cnn"));
        Constructor<?> c = trainerClass.getDeclaredConstructor(netClass, long.class);
        c.setAccessible(true);
        Object trainer = c.newInstance(which, 42L);
        if (mode.equals("train")) {
            Method step = trainerClass.getDeclaredMethod("step");
            step.setAccessible(true);
            return () -> step.invoke(trainer);
        }
        int batch = switch (mode) {
            case "b1" -> 1;
            case "b1000" -> 1000;
            default -> throw new IllegalArgumentException("unknown mode " + mode + "; use train, b1000 or b1");
        };
        Field netField = trainerClass.getDeclaredField("net");
        netField.setAccessible(true);
        Object module = netField.get(trainer);
        module.getClass().getMethod("eval").invoke(module);
        Method input = netClass.getDeclaredMethod("input", SplittableRandom.class, int.class);
        input.setAccessible(true);
        Object x = input.invoke(which, new SplittableRandom(3), batch);
        Method enter = l.loadClass("dev.saraf.autograd.NoGrad").getMethod("enter");
        Method forward = module.getClass().getMethod("forward", l.loadClass("dev.saraf.tensor.Tensor"));
        return () -> {
            try (AutoCloseable noGrad = (AutoCloseable) enter.invoke(null)) {
                forward.invoke(module, x);
            }
        };
    }
}
