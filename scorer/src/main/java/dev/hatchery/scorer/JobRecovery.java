package dev.hatchery.scorer;

/**
 * What {@link JobWatch} did for one of Hatchery's jobs: how many times it resumed the job after a
 * failure had suspended it, and the last time, so operators see recoveries without reading logs.
 *
 * @param lastCause the failure that suspended the job the last time, one line
 * @param member    the member whose watch resumed it
 */
public record JobRecovery(String job, int resumes, long lastResumedAtMillis, String lastCause, String member) {

    /** This record after one more resume. */
    JobRecovery next(long atMillis, String cause, String byMember) {
        return new JobRecovery(job, resumes + 1, atMillis, cause, byMember);
    }

    /** The exception's line of the "Execution failure:" and stack trace Jet gives as a suspension's cause. */
    public static String failure(String errorCause) {
        return errorCause.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.endsWith(":"))
                .findFirst().orElse(errorCause);
    }

    static JobRecovery first(String job, long atMillis, String cause, String byMember) {
        return new JobRecovery(job, 1, atMillis, cause, byMember);
    }
}
