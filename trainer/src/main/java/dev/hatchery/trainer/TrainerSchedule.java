package dev.hatchery.trainer;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's Quartz schedule on one member: the check for due runs (every {@code
 * trainer.checkCron}), and each deployed model's own cron schedule with its misfire policy.
 * Every member has one; requests and the lease make one run of each firing in the cluster.
 * Quartz's threads only ask: the training itself runs on the trainer's threads.
 */
public final class TrainerSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerSchedule.class);
    private static final String TRAINER_KEY = "trainer";
    private static final String MODEL_KEY = "model";
    private static final String CRON_KEY = "cron";
    private static final String SCHEDULE_KEY = "schedule";
    private static final String MODELS_GROUP = "model-schedules";

    private final Scheduler scheduler;
    private final Trainer trainer;

    private TrainerSchedule(Scheduler scheduler, Trainer trainer) {
        this.scheduler = scheduler;
        this.trainer = trainer;
    }

    /** Starts the schedule; its scheduler is named after the member so that several can share a JVM. */
    public static TrainerSchedule start(Trainer trainer, String memberName) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "hatchery-trainer-" + memberName);
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.jobStore.misfireThreshold",
                String.valueOf(trainer.settings().misfireThresholdMillis()));
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        try {
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            TrainerSchedule schedule = new TrainerSchedule(scheduler, trainer);
            JobDataMap data = new JobDataMap();
            data.put(TRAINER_KEY, trainer);
            data.put(SCHEDULE_KEY, schedule);
            scheduler.scheduleJob(JobBuilder.newJob(Check.class).withIdentity("check").usingJobData(data).build(),
                    TriggerBuilder.newTrigger().withIdentity("check")
                            .withSchedule(CronScheduleBuilder.cronSchedule(trainer.settings().checkCron())
                                    .withMisfireHandlingInstructionDoNothing())
                            .build());
            schedule.syncModels();
            scheduler.start();
            return schedule;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the trainer's Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /** Gives every deployed model with a cron schedule its Quartz trigger, and drops those of models that have none. */
    void syncModels() throws SchedulerException {
        Set<JobKey> wanted = new HashSet<>();
        for (String model : trainer.deployedModels()) {
            TriggerSettings triggers = trainer.settings().policy(model).triggers();
            if (triggers.schedule().isEmpty()) {
                continue;
            }
            JobKey job = JobKey.jobKey(model, MODELS_GROUP);
            wanted.add(job);
            if (scheduler.checkExists(job)) {
                continue;
            }
            JobDataMap data = new JobDataMap();
            data.put(TRAINER_KEY, trainer);
            data.put(MODEL_KEY, model);
            data.put(CRON_KEY, triggers.schedule());
            CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(triggers.schedule());
            cron = switch (triggers.misfire()) {
                case FIRE_ONCE -> cron.withMisfireHandlingInstructionFireAndProceed();
                case SKIP -> cron.withMisfireHandlingInstructionDoNothing();
            };
            scheduler.scheduleJob(JobBuilder.newJob(Fire.class).withIdentity(job).usingJobData(data).build(),
                    TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(model, MODELS_GROUP))
                            .withSchedule(cron).build());
            LOG.info("training schedule of '{}': '{}' (misfires: {})", model, triggers.schedule(), triggers.misfire().id());
        }
        for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(MODELS_GROUP))) {
            if (!wanted.contains(job)) {
                scheduler.deleteJob(job);
            }
        }
    }

    /** The next firing of the model's schedule on this member, if it has one. */
    public Optional<Instant> nextFire(String model) {
        try {
            org.quartz.Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(model, MODELS_GROUP));
            return trigger == null || trigger.getNextFireTime() == null ? Optional.empty()
                    : Optional.of(trigger.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    /** What a long pause of the member (GC, a suspended host) looks like to Quartz: no firing until {@link #wake()}. */
    void sleep() throws SchedulerException {
        scheduler.standby();
    }

    void wake() throws SchedulerException {
        scheduler.start();
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("trainer scheduler did not shut down cleanly: {}", e.getMessage());
        }
    }

    /** The check for due runs: never two at once on one member. */
    @DisallowConcurrentExecution
    public static final class Check implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            Trainer trainer = (Trainer) context.getMergedJobDataMap().get(TRAINER_KEY);
            TrainerSchedule schedule = (TrainerSchedule) context.getMergedJobDataMap().get(SCHEDULE_KEY);
            try {
                schedule.syncModels();
                trainer.check();
            } catch (RuntimeException | SchedulerException e) {
                // A cluster in trouble (e.g. shutting down) must not kill the schedule.
                LOG.warn("retraining check failed: {}", e.toString());
            }
        }
    }

    /** A model's schedule fired. */
    public static final class Fire implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            JobDataMap data = context.getMergedJobDataMap();
            Trainer trainer = (Trainer) data.get(TRAINER_KEY);
            try {
                trainer.fired(data.getString(MODEL_KEY), data.getString(CRON_KEY),
                        context.getScheduledFireTime().getTime());
            } catch (RuntimeException e) {
                LOG.warn("scheduled training of '{}' could not be requested: {}", data.getString(MODEL_KEY), e.toString());
            }
        }
    }
}
