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
        long loadMillis, long activatedAtMicros) {

    public String key() {
        return key(model, member);
    }

    static String key(String model, String member) {
        return model + "@" + member;
    }
}
