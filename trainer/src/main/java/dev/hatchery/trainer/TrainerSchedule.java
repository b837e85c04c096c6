package dev.hatchery.trainer;

import java.util.Properties;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's Quartz schedule on one member: on each firing of the cron expression it asks
 * the {@link Trainer} to run whatever is due. Every member has one; the trainer's lease makes
 * sure only one of them trains a given model at a time.
 */
public final class TrainerSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerSchedule.class);
    private static final String TRAINER_KEY = "trainer";

    private final Scheduler scheduler;

    private TrainerSchedule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts the schedule; its scheduler is named after the member so that several can share a JVM. */
    public static TrainerSchedule start(Trainer trainer, String memberName) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "hatchery-trainer-" + memberName);
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        try {
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            JobDataMap data = new JobDataMap();
            data.put(TRAINER_KEY, trainer);
            JobDetail job = JobBuilder.newJob(RetrainWhenDue.class).withIdentity("retrain-when-due").usingJobData(data).build();
            scheduler.scheduleJob(job, TriggerBuilder.newTrigger()
                    .withIdentity("retrain-check")
                    .withSchedule(CronScheduleBuilder.cronSchedule(trainer.settings().cron())
                            .withMisfireHandlingInstructionDoNothing())
                    .build());
            scheduler.start();
            return new TrainerSchedule(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the trainer's Quartz scheduler: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("trainer scheduler did not shut down cleanly: {}", e.getMessage());
        }
    }

    /** The Quartz job: never two at once on one member. */
    @DisallowConcurrentExecution
    public static final class RetrainWhenDue implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            Trainer trainer = (Trainer) context.getMergedJobDataMap().get(TRAINER_KEY);
            try {
                trainer.runDue();
            } catch (RuntimeException e) {
                // A cluster in trouble (e.g. shutting down) must not kill the schedule.
                LOG.warn("retraining check failed: {}", e.toString());
            }
        }
    }
}
