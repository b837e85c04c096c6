package dev.hatchery.ops.node;

import dev.hatchery.registry.Patience;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.MetricNames;
import com.hazelcast.jet.core.metrics.MetricTags;
import dev.hatchery.feedback.FeedbackPipeline;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.RegistryMaps;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringPipeline;
import dev.hatchery.trainer.TrainerMaps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Hatchery members on this machine, each a separate JVM running {@code hatchery node --config
 * FILE}: a real cluster on loopback whose members can be killed for real, for tests and
 * benchmarks. Each node logs to {@code node-N.log} in the working directory, and its garbage
 * collections to {@code node-N-gc.log}.
 */
public final class LocalCluster implements AutoCloseable {

    /** How long a node's start, or the jobs' taking in every member, may take on an idle machine: see {@link Patience}. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** Each node's heap unless said otherwise: enough for the tests' and the swap benchmark's loads. */
    public static final int DEFAULT_HEAP_MEGABYTES = 1_024;

    private final String name;
    private final List<String> addresses;
    private final List<Process> processes;
    private final Path workDir;
    private final List<HazelcastInstance> clients = new CopyOnWriteArrayList<>();

    private LocalCluster(String name, List<String> addresses, List<Process> processes, Path workDir) {
        this.name = name;
        this.addresses = addresses;
        this.processes = processes;
        this.workDir = workDir;
    }

    /**
     * Starts {@code members} nodes on ports {@code basePort}, {@code basePort + 1}, … and waits
     * until each says it is up.
     *
     * @param extraYaml configuration sections to add to every node's file (cluster settings are set here)
     */
    public static LocalCluster start(String name, int members, int basePort, Path workDir, String extraYaml) {
        return start(name, members, basePort, workDir, extraYaml, DEFAULT_HEAP_MEGABYTES);
    }

    /**
     * As {@link #start(String, int, int, Path, String)}, each node with a heap of at most
     * {@code heapMegabytes}: for a load that keeps more data than the default allows.
     */
    public static LocalCluster start(String name, int members, int basePort, Path workDir, String extraYaml,
            int heapMegabytes) {
        List<String> addresses = IntStream.range(0, members).mapToObj(i -> "127.0.0.1:" + (basePort + i)).toList();
        List<Process> processes = new ArrayList<>();
        LocalCluster cluster = new LocalCluster(name, addresses, processes, workDir);
        try {
            Files.createDirectories(workDir);
            for (int i = 0; i < members; i++) {
                Path config = workDir.resolve("node-" + i + ".yaml");
                Files.writeString(config, "cluster:\n  name: " + name + "\n  host: 127.0.0.1\n  port: " + (basePort + i)
                        + "\n  members: [" + String.join(", ", addresses) + "]\n" + extraYaml);
                Path log = workDir.resolve("node-" + i + ".log");
                processes.add(new ProcessBuilder(command(config, workDir.resolve("node-" + i + "-gc.log"), heapMegabytes))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start());
                // One after another: each joins the ones before it rather than racing to be first.
                cluster.awaitUp(i, log);
            }
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException("could not start a local cluster in " + workDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** This JVM's java, flags and class path, running the {@code hatchery node} command. */
    private static List<String> command(Path config, Path gcLog, int heapMegabytes) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The same module flags as this JVM (Hazelcast needs them); not its debugger or heap settings.
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < inherited.size(); i++) {
            String flag = inherited.get(i);
            if (flag.equals("--add-modules") || flag.equals("--add-opens") || flag.equals("--add-exports")) {
                command.add(flag);
                command.add(inherited.get(++i));
            } else if (flag.startsWith("--add-") || flag.startsWith("--sun-misc") || flag.startsWith("-Dhazelcast.")) {
                command.add(flag);
            }
        }
        // Nodes start one after another, so none needs Hazelcast's pause for others to show up,
        // and the jobs may take in each new member at once rather than ten seconds later.
        command.add("-Dhazelcast.wait.seconds.before.join=0");
        command.add("-Dhazelcast.jet.scale.up.delay.millis=0");
        command.add("-Xmx" + heapMegabytes + "m");
        // The same extra flags the ./hatchery script passes to a node it starts.
        String extra = System.getenv().getOrDefault("HATCHERY_JAVA_OPTS", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-Xlog:gc:file=" + gcLog + ":utctime");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.hatchery.ops.Hatchery");
        command.add("node");
        command.add("--config");
        command.add(config.toString());
        return command;
    }

    private void awaitUp(int index, Path log) throws IOException {
        Patience patience = Patience.from(START_TIMEOUT);
        Process process = processes.get(index);
        while (!patience.passed()) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("hatchery node ")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + index + " exited with " + process.exitValue() + ":\n" + text);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("node " + index + " did not come up within " + patience.allowed().toSeconds()
                + " s (" + START_TIMEOUT.toSeconds() + " s, stretched for the machine's load); see " + log);
    }

    /** Kills node {@code index} at once (SIGKILL on Unix): no shutdown hooks, no goodbyes to the cluster. */
    public void kill(int index) {
        Process process = processes.get(index);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A Hazelcast client of this cluster, with Hatchery's serializers, returned once the scoring
     * and feedback jobs run on every member (each member's arrival restarts them). Closing the
     * cluster shuts it down.
     */
    public HazelcastInstance client() {
        ClientConfig config = new ClientConfig().setClusterName(name);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().setAddresses(addresses);
        RegistryMaps.addSerializers(config.getSerializationConfig());
        ScorerMaps.addSerializers(config.getSerializationConfig());
        FeedbackMaps.addSerializers(config.getSerializationConfig());
        TrainerMaps.addSerializers(config.getSerializationConfig());
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        clients.add(client);
        try {
            awaitJobsOnEveryMember(client);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
        return client;
    }

    private void awaitJobsOnEveryMember(HazelcastInstance client) {
        Patience patience = Patience.from(START_TIMEOUT);
        for (String name : List.of(ScoringPipeline.JOB_NAME, FeedbackPipeline.JOB_NAME)) {
            while (!runsOnEveryMember(client, name)) {
                if (patience.passed()) {
                    throw new IllegalStateException("job " + name + " does not run on all " + processes.size()
                            + " members of " + this + " after " + patience.allowed().toSeconds() + " s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private boolean runsOnEveryMember(HazelcastInstance client, String name) {
        Job job = client.getJet().getJob(name);
        if (job == null || job.getStatus() != JobStatus.RUNNING) {
            return false;
        }
        // The members that report metrics for the job are the ones it runs on.
        return job.getMetrics().get(MetricNames.RECEIVED_COUNT).stream()
                .map(measurement -> measurement.tag(MetricTags.MEMBER)).distinct().count() == processes.size();
    }

    /** Shuts down the clients it made, then stops every node that still runs (asks politely, then kills). */
    @Override
    public void close() {
        clients.forEach(HazelcastInstance::shutdown);
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    @Override
    public String toString() {
        return "cluster '" + name + "' of " + processes.size() + " node processes at "
                + addresses.stream().collect(Collectors.joining(", ")) + " (logs in " + workDir + ")";
    }
}
