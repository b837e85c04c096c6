package dev.hatchery.scorer;

/**
 * What {@link JobWatch} did for one of Hatchery's jobs: how many times it resumed the job after a
 * failure had suspended it, and the last time, so operators see recoveries without reading logs.
 * A job that fails again soon after each resume — on the same input, say — is in a streak of
 * resumes: {@code hatchery jobs} and {@code status} say it fails repeatedly, and with what.
 *
 * @param lastCause         the failure that suspended the job the last time, one line
 * @param member            the member whose watch resumed it
 * @param streak            resumes in a row, each within {@link #STREAK_GAP_MILLIS} of the one before
 * @param streakSinceMillis when the first resume of that streak was
 */
public record JobRecovery(String job, int resumes, long lastResumedAtMillis, String lastCause, String member,
        int streak, long streakSinceMillis) {

    /**
     * Resumes further apart than this are not a streak: twice the longest wait between two
     * resumes, so a job failing at once after every resume stays in its streak however long.
     */
    public static final long STREAK_GAP_MILLIS = 2 * JobWatch.LONGEST_DELAY_MILLIS;
    /** Resumes in a streak from which a job is said to fail repeatedly. */
    public static final int REPEATED = 3;

    /** This record after one more resume. */
    JobRecovery next(long atMillis, String cause, String byMember) {
        boolean inStreak = atMillis - lastResumedAtMillis <= STREAK_GAP_MILLIS;
        return new JobRecovery(job, resumes + 1, atMillis, cause, byMember, inStreak ? streak + 1 : 1,
                inStreak ? streakSinceMillis : atMillis);
    }

    /** Whether the job was resumed {@link #REPEATED} times or more in a row, the last of them lately. */
    public boolean failingRepeatedly(long nowMillis) {
        return streak >= REPEATED && nowMillis - lastResumedAtMillis <= STREAK_GAP_MILLIS;
    }

    /** The exception's line of the "Execution failure:" and stack trace Jet gives as a suspension's cause. */
    public static String failure(String errorCause) {
        return errorCause.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.endsWith(":"))
                .findFirst().orElse(errorCause);
    }

    static JobRecovery first(String job, long atMillis, String cause, String byMember) {
        return new JobRecovery(job, 1, atMillis, cause, byMember, 1, atMillis);
    }
}
