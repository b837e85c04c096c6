package dev.hatchery.registry;

/**
 * A member's refusal to serve a version: the bytes did not load, or the model failed its
 * checks. Kept beside the deployment it concerns, so operators see why a publish did not
 * take effect on a member while the previous version went on serving there.
 *
 * @param epoch the deployment's epoch, or 0 when the version was refused while being staged,
 *              before anyone published it, or as a shadow (the reason then says so)
 */
public record Refusal(String model, int version, long epoch, String member, String reason, long atMillis) {

    /** One entry per version and member: the latest refusal of it there. */
    public String key() {
        return ModelVersion.key(model, version) + "@" + member;
    }
}
