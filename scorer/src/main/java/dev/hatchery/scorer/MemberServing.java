package dev.hatchery.scorer;

/**
 * What one member's holder serves for one model since its last swap, written on every swap so
 * that anyone can see when a publish has reached every member.
 *
 * @param memberUuid        the member's cluster UUID: a report of a member that has left the
 *                          cluster stays in the map, and only this tells it from a live one
 * @param staged            whether the version was loaded and checked before its publish (the swap
 *                          was only a reference flip), or had to be loaded when the publish came
 * @param loadMillis        how long loading and checking took when it was not staged; 0 if staged
 * @param activatedAtMicros when the swap happened on this member (epoch microseconds)
 */
public record MemberServing(String model, String member, String memberUuid, int version, long epoch, boolean staged,
        long loadMillis, long activatedAtMicros, long revision, long lag) {

    /** The revision and lag of a batch version, which has neither. */
    public static final long NONE = -1;

    /** A batch version serving. */
    public MemberServing(String model, String member, String memberUuid, int version, long epoch, boolean staged,
            long loadMillis, long activatedAtMicros) {
        this(model, member, memberUuid, version, epoch, staged, loadMillis, activatedAtMicros, NONE, NONE);
    }

    /** The same version, its replica now at {@code revision}, {@code lag} log entries behind the log's newest. */
    MemberServing at(long revision, long lag) {
        return new MemberServing(model, member, memberUuid, version, epoch, staged, loadMillis, activatedAtMicros,
                revision, lag);
    }

    public String key() {
        return key(model, member);
    }

    static String key(String model, String member) {
        return model + "@" + member;
    }
}
