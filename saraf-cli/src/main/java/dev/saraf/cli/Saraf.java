package dev.saraf.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code saraf} command: train, evaluate, predict with and describe models, tell where the
 * data sets are, serve models and measure speed. {@link #main} runs it and exits; {@link #run}
 * runs it in-process (tests).
 *
 * <p>Errors a user can fix (a bad argument, a missing file, a model that does not fit the data)
 * print one line on stderr and give exit code {@value #USAGE_ERROR} for bad arguments or
 * {@value #FAILURE} otherwise; {@code --debug} or the environment variable {@code SARAF_DEBUG=1}
 * adds the stack trace.
 */
@Command(name = "saraf", mixinStandardHelpOptions = true, versionProvider = Saraf.Version.class,
        description = "Deep learning for the JVM, in pure Java: train, evaluate and use neural networks.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
                DatasetsCommand.class, ServeCommand.class, BenchCommand.class, TokenCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  saraf train                       a CNN on the bundled MNIST digits",
                "  saraf train --data fashion-mnist --model mlp --epochs 5 --out runs/fm",
                "  saraf evaluate runs/fm/model.safetensors --data fashion-mnist",
                "  saraf predict runs/fm/model.safetensors shoe.png",
                "  saraf summary cnn",
                "  saraf datasets",
                "  saraf serve --port 8080                   model server, registry and web UI",
                "  saraf bench cnn --threads 2               W-CNN training and inference speed",
                "",
                "Run 'saraf COMMAND --help' for a command's options."})
public final class Saraf implements Runnable {
    /** Exit code of a bad command line (picocli's convention). */
    public static final int USAGE_ERROR = 2;
    /** Exit code of a command that failed (missing file, model that does not fit, ...). */
    public static final int FAILURE = 1;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error (also: SARAF_DEBUG=1).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (OutOfMemoryError e) {
            System.err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            code = FAILURE;
        }
        System.exit(code);
    }

    /** What to print when the Java heap ran out: the limit, and how to raise it. */
    static String outOfMemory(long maxHeapBytes) {
        return "saraf: out of memory: the Java heap is limited to " + (maxHeapBytes >> 20) + " MiB; give it more with "
                + "SARAF_JAVA_OPTS=-Xmx4g (or another size), or use a smaller --batch-size";
    }

    /** Runs the command line in-process, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = List.of(args).contains("--debug") || isSet(System.getenv("SARAF_DEBUG"));
        CommandLine cl = commandLine(new Console(out, err));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((e, a) -> {
            String prefix = prefix(e.getCommandLine());
            err.println(prefix + ": " + oneLine(e.getMessage()) + " (see '" + prefix + " --help')");
            if (debug) {
                e.printStackTrace(err);
            }
            return USAGE_ERROR;
        });
        cl.setExecutionExceptionHandler((e, c, p) -> {
            err.println(prefix(c) + ": " + Errors.describe(e)
                    + (debug || Errors.isExpected(e) ? "" : " (run with --debug for details)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return e instanceof CliException ce ? ce.exitCode() : FAILURE;
        });
        return cl.execute(args);
    }

    /** The command tree, its commands writing through {@code console}. */
    static CommandLine commandLine(Console console) {
        CommandLine cl = new CommandLine(new Saraf(), new Factory(console));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    @Override
    public void run() {
        // "saraf" alone: say what it can do.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** "saraf" or "saraf train": how errors name the command. */
    private static String prefix(CommandLine c) {
        return c.getParent() == null ? c.getCommandName() : "saraf " + c.getCommandName();
    }

    private static boolean isSet(String v) {
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    private static String oneLine(String s) {
        return s == null ? "bad arguments" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** Gives each command the console to write to. */
    private record Factory(Console console) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (var c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Console.class) {
                    return cls.cast(c.newInstance(console));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** {@code saraf --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"saraf " + dev.saraf.io.Provenance.currentSarafVersion(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                            + Runtime.getRuntime().availableProcessors() + " processors"};
        }
    }
}
