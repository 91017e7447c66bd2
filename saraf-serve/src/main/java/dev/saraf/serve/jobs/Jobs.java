package dev.saraf.serve.jobs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training jobs: submitted through the API, queued, and trained by a pool of {@code workers}
 * threads, one job per worker, each job's ops on {@code threads} compute threads (so that
 * {@code workers * threads} is about the machine's cores and jobs do not crowd each other).
 * A trained model is registered through the {@link ModelSink} as a new version in staging.
 *
 * <p>Jobs outlive the process: every change is written to the {@link JobStore}; at {@link #start}
 * queued jobs are queued again and jobs that were running resume from their last epoch's
 * checkpoint (under {@code <home>/jobs/<id>/}). {@link #close} stops running jobs after their
 * current batch and leaves them to resume at the next start.
 *
 * <pre>{@code
 * Jobs jobs = new Jobs(home, JobStore.open(home, null), sink, datasets, new Jobs.Config(1, 0, 100));
 * jobs.start();
 * Javalin.create(c -> jobs.routes(c.routes, auth::require));
 * }</pre>
 */
public final class Jobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    /**
     * How jobs run.
     *
     * @param workers   jobs trained at once, at least 1
     * @param threads   compute threads per job; 0 for the machine's cores divided by {@code workers}
     * @param maxQueued the most jobs waiting at once; more are refused (429)
     */
    public record Config(int workers, int threads, int maxQueued) {
        /** Checks the sizes. */
        public Config {
            if (workers < 1 || threads < 0 || maxQueued < 1) {
                throw new IllegalArgumentException("Jobs.Config: workers and maxQueued must be >= 1 and threads >= 0, got "
                        + workers + ", " + threads + ", " + maxQueued);
            }
        }

        /** One worker, all cores, 100 queued jobs. */
        public static Config defaults() {
            return new Config(1, 0, 100);
        }
    }

    private final Path dir;
    private final JobStore store;
    private final ModelSink sink;
    private final DatasetStore datasets;
    private final Config config;
    private final JobRunner runner;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService workers;
    private final SecureRandom ids = new SecureRandom();
    private volatile boolean stopping;

    /**
     * Jobs working under {@code <home>/jobs}, recorded in {@code store}; not running until {@link #start}.
     * Closing this closes the store.
     */
    public Jobs(Path home, JobStore store, ModelSink sink, DatasetStore datasets, Config config) {
        this.dir = home.resolve("jobs");
        this.store = store;
        this.sink = sink;
        this.datasets = datasets;
        this.config = config;
        int threads = config.threads() > 0 ? config.threads()
                : Math.max(1, Runtime.getRuntime().availableProcessors() / config.workers());
        this.runner = new JobRunner(datasets, threads);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "saraf-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the recorded jobs and queues those that were queued or running when the server last stopped. */
    public void start() {
        List<Job> pending = new ArrayList<>();
        synchronized (jobs) {
            for (Job job : store.all()) {
                jobs.put(job.id(), job);
                if (!job.state().finished()) {
                    pending.add(job);
                }
            }
        }
        for (Job job : pending) {
            LOG.info("job {} was {} at the last stop: queued again{}", job.id(), job.state().wireName(),
                    Files.exists(JobRunner.checkpoint(dir.resolve(job.id()))) ? " (resumes from its checkpoint)" : "");
            workers.execute(() -> run(job));
        }
    }

    /** The uploaded data sets. */
    public DatasetStore datasets() {
        return datasets;
    }

    /**
     * Queues a job.
     *
     * @throws IllegalStateException when {@code maxQueued} jobs are already waiting, or the server is stopping
     */
    public Job submit(JobSpec spec) {
        if (stopping) {
            throw new IllegalStateException("the server is stopping");
        }
        byte[] b = new byte[8];
        ids.nextBytes(b);
        Job job = new Job("job-" + HexFormat.of().formatHex(b), spec, Instant.now(), JobState.QUEUED);
        synchronized (jobs) {
            long queued = jobs.values().stream().filter(j -> j.state() == JobState.QUEUED).count();
            if (queued >= config.maxQueued()) {
                throw new IllegalStateException("too many queued jobs (" + queued + "); wait for some to finish");
            }
            store.insert(job);
            jobs.put(job.id(), job);
        }
        workers.execute(() -> run(job));
        return job;
    }

    /** Every job, newest first. */
    public List<Job> list() {
        synchronized (jobs) {
            List<Job> all = new ArrayList<>(jobs.values());
            all.sort(Comparator.comparing(Job::created).reversed());
            return all;
        }
    }

    /** The job with {@code id}. */
    public Optional<Job> get(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /**
     * Cancels a job: a queued one at once, a running one after its current batch (its state turns
     * {@code cancelled} then). A finished job stays as it is.
     */
    public Job cancel(Job job) {
        job.requestCancel();
        synchronized (job) {
            if (job.state() == JobState.QUEUED) {
                job.setState(JobState.CANCELLED, null, null);
                store.update(job);
            }
        }
        return job;
    }

    /** True while the server is shutting down. */
    boolean stopping() {
        return stopping;
    }

    private void run(Job job) {
        synchronized (job) {
            if (job.state().finished() || stopping) {
                return;
            }
            job.setState(JobState.RUNNING, null, null);
        }
        store.update(job);
        Path work = dir.resolve(job.id());
        try {
            JobRunner.Outcome outcome = runner.run(job, work, () -> stopping, () -> store.update(job));
            switch (outcome) {
                case INTERRUPTED -> {
                    LOG.info("job {} stopped with the server; it resumes at the next start", job.id());
                    return; // stays "running" in the table, and its checkpoint stays
                }
                case CANCELLED -> job.setState(JobState.CANCELLED, null, null);
                case TRAINED -> {
                    int version = sink.register(job.spec().registerAs(), JobRunner.modelFile(work), job.id());
                    job.setState(JobState.SUCCEEDED, null, version);
                    LOG.info("job {} registered {} version {}", job.id(), job.spec().registerAs(), version);
                }
                default -> throw new AssertionError(outcome);
            }
        } catch (Exception | OutOfMemoryError e) {
            if (stopping) {
                return;
            }
            if (e instanceof IllegalArgumentException || e instanceof dev.saraf.data.DataException) {
                LOG.info("job {} failed: {}", job.id(), message(e)); // a job that cannot train as asked: no stack trace
            } else {
                LOG.warn("job {} failed", job.id(), e);
            }
            job.setState(JobState.FAILED, message(e), null);
        }
        store.update(job);
        deleteTree(work);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).lines().findFirst().orElse("error");
    }

    private static void deleteTree(Path d) {
        if (!Files.exists(d)) {
            return;
        }
        try (var files = Files.walk(d)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the work folder {}: {}", d, e.getMessage());
        }
    }

    /**
     * Registers {@code /api/jobs...} and {@code /api/datasets...} on {@code routes}; every endpoint
     * first calls {@code requireToken} (which throws to refuse, e.g. the server's Bearer-token check).
     */
    public void routes(RoutesConfig routes, Consumer<Context> requireToken) {
        new JobRoutes(this, requireToken).register(routes);
    }

    /**
     * Stops: no new jobs, running jobs stop after their current batch (they resume at the next
     * start), waits up to 30 s for the workers, closes the store.
     */
    @Override
    public void close() {
        stopping = true;
        synchronized (jobs) {
            for (Job j : jobs.values()) {
                j.closeStreams();
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("training jobs did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
