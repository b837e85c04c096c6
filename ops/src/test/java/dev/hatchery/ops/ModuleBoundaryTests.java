package dev.hatchery.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.RegistryMaps;
import dev.hatchery.registry.mlflow.MlflowMaps;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.trainer.TrainerMaps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN: a module owns its maps; another module reads them through the owner's read-only
 * accessors and changes them only through the owner's API. Checked on the compiled classes of
 * every module of the loop (bench is left out: it stands in for producers and for the systems
 * it is measured against). Two ways to get a writable handle are looked for: calling another
 * module's method that returns a Hazelcast structure ({@code IMap} and the like), and handing
 * one of its map names to Hazelcast ({@code getMap}, {@code Sinks.map}, a journal source).
 */
class ModuleBoundaryTests {

    /**
     * The maps producers in any language write (README, "Feeding Hatchery from any language"):
     * their accessors are the way in, by design.
     */
    private static final Set<String> INTAKE_ACCESSORS = Set.of(
            "dev/hatchery/scorer/ScorerMaps.events(Lcom/hazelcast/core/HazelcastInstance;)",
            "dev/hatchery/feedback/FeedbackMaps.labels(Lcom/hazelcast/core/HazelcastInstance;)");
    private static final Set<String> WRITABLE_STRUCTURES = Set.of("Lcom/hazelcast/map/IMap;",
            "Lcom/hazelcast/replicatedmap/ReplicatedMap;", "Lcom/hazelcast/multimap/MultiMap;",
            "Lcom/hazelcast/collection/IQueue;", "Lcom/hazelcast/collection/IList;", "Lcom/hazelcast/collection/ISet;",
            "Lcom/hazelcast/ringbuffer/Ringbuffer;", "Lcom/hazelcast/topic/ITopic;");
    /** Where Hazelcast takes a map's name: a member's or client's handle, Jet's sinks, sources and journals. */
    private static final Set<String> TAKING_MAP_NAMES = Set.of("com/hazelcast/core/HazelcastInstance",
            "com/hazelcast/jet/pipeline/Sinks", "com/hazelcast/jet/pipeline/Sources",
            "com/hazelcast/jet/core/processor/SourceProcessors", "com/hazelcast/jet/core/processor/SinkProcessors");
    private static final Set<String> BY_MAP_NAME = Set.of("getMap", "getReplicatedMap", "getMultiMap",
            "getDistributedObject", "map", "mapWithMerging", "mapWithUpdating", "mapWithEntryProcessor", "mapJournal",
            "remoteMap", "remoteMapJournal", "readMapP", "streamMapP", "writeMapP", "mergeMapP", "updateMapP",
            "updateMapWithEntryProcessorP", "mapWithEntryProcessorP");
    /** How many instructions may stand between a map name and the Hazelcast call it is an argument of. */
    private static final int ARGUMENT_REACH = 6;

    @Test
    void noModuleGetsAWritableHandleOnAnotherModulesMap() {
        Map<String, String> owners = mapOwners();
        List<String> violations = new ArrayList<>();
        for (Class<?> anchor : List.of(RegistryMaps.class, ScorerMaps.class, FeedbackMaps.class, TrainerMaps.class,
                Hatchery.class)) {
            classesBeside(anchor).forEach(model -> violations.addAll(violations(model, owners)));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckFindsBothWaysOfReachingIntoAnotherModulesMap() {
        List<String> violations = violations(parse(Offender.class), mapOwners());

        assertThat(violations).hasSize(2);
        assertThat(violations.get(0)).contains("ScorerMaps.deadLetters").contains("IMap");
        assertThat(violations.get(1)).contains("'dead_letters'").contains("scorer");
    }

    @Test
    void everyModulesMapsAreFound() {
        Map<String, String> owners = mapOwners();

        assertThat(owners).containsEntry("dead_letters", "scorer").containsEntry("feature_references", "feedback")
                .containsEntry("training_runs", "trainer").containsEntry("model_versions", "registry")
                .containsEntry("mlflow_outbox", "registry").doesNotContainKey("hatchery.MlflowOutboxEntry");
    }

    /** What the check must catch: ops code writing the scorer's dead letters both ways, and one way in it allows. */
    @SuppressWarnings("unused")
    private static final class Offender {
        void write(HazelcastInstance hazelcast) {
            ScorerMaps.deadLetters(hazelcast).clear();
            hazelcast.getMap(ScorerMaps.DEAD_LETTERS).clear();
            ScorerMaps.events(hazelcast).clear();
        }
    }

    /** Map name → the module that owns it, from the name constants of each module's {@code *Maps} classes. */
    private static Map<String, String> mapOwners() {
        Map<String, String> owners = new HashMap<>();
        for (Class<?> maps : List.of(RegistryMaps.class, MlflowMaps.class, ScorerMaps.class, FeedbackMaps.class,
                TrainerMaps.class)) {
            for (Field field : maps.getDeclaredFields()) {
                if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())
                        && Modifier.isFinal(field.getModifiers())) {
                    String name = constant(field);
                    // Compact type names sit beside the map names; a map name has no dots.
                    if (!name.contains(".")) {
                        owners.put(name, moduleOf(ClassDesc.of(maps.getName())));
                    }
                }
            }
        }
        return owners;
    }

    private static String constant(Field field) {
        try {
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field + " cannot be read", e);
        }
    }

    private static List<String> violations(ClassModel model, Map<String, String> owners) {
        String module = moduleOf(model.thisClass().asSymbol());
        List<String> found = new ArrayList<>();
        for (MethodModel method : model.methods()) {
            method.code().ifPresent(code -> found.addAll(violations(model, method, code, module, owners)));
        }
        return found;
    }

    private static List<String> violations(ClassModel model, MethodModel method, CodeModel code, String module,
            Map<String, String> owners) {
        String where = model.thisClass().asInternalName() + "." + method.methodName().stringValue();
        List<String> found = new ArrayList<>();
        String mapName = null;
        int sinceName = 0;
        for (CodeElement element : code) {
            if (element instanceof ConstantInstruction.LoadConstantInstruction load
                    && load.constantEntry() instanceof StringEntry string) {
                mapName = owners.containsKey(string.stringValue()) ? string.stringValue() : null;
                sinceName = 0;
                continue;
            }
            if (!(element instanceof Instruction)) {
                continue;
            }
            sinceName++;
            switch (element) {
                case InvokeInstruction invoke -> {
                    String target = invoke.owner().asInternalName();
                    String handle = handleOn(target, invoke.name().stringValue(), invoke.typeSymbol(), module);
                    if (handle != null) {
                        found.add(where + " calls " + handle);
                    }
                    if (mapName != null && sinceName <= ARGUMENT_REACH && TAKING_MAP_NAMES.contains(target)
                            && BY_MAP_NAME.contains(invoke.name().stringValue()) && !owners.get(mapName).equals(module)) {
                        found.add(where + " hands '" + mapName + "', a map of " + owners.get(mapName) + ", to "
                                + target + "." + invoke.name().stringValue());
                        mapName = null;
                    }
                }
                case InvokeDynamicInstruction dynamic -> {
                    for (var argument : dynamic.bootstrapArgs()) {
                        if (argument instanceof DirectMethodHandleDesc reference) {
                            String handle = handleOn(reference.owner().descriptorString()
                                            .substring(1, reference.owner().descriptorString().length() - 1),
                                    reference.methodName(), reference.invocationType(), module);
                            if (handle != null) {
                                found.add(where + " refers to " + handle);
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        return found;
    }

    /** The method, if it is another module's and hands out a writable Hazelcast structure; else null. */
    private static String handleOn(String owner, String name, MethodTypeDesc type, String module) {
        if (!owner.startsWith("dev/hatchery/")) {
            return null;
        }
        String ownerModule = moduleOf(ClassDesc.ofInternalName(owner));
        String returned = type.returnType().descriptorString();
        String signature = owner + "." + name + type.descriptorString().substring(0,
                type.descriptorString().indexOf(')') + 1);
        if (ownerModule.equals(module) || !WRITABLE_STRUCTURES.contains(returned)
                || INTAKE_ACCESSORS.contains(signature)) {
            return null;
        }
        return owner.substring(owner.lastIndexOf('/') + 1) + "." + name + ", which returns "
                + returned.substring(returned.lastIndexOf('/') + 1, returned.length() - 1) + " of module "
                + ownerModule;
    }

    /** dev.hatchery.<module>.… → module. */
    private static String moduleOf(ClassDesc type) {
        String name = type.packageName();
        String rest = name.substring("dev.hatchery.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The compiled classes of the module {@code anchor} belongs to: its classes directory or its jar. */
    private static Stream<ClassModel> classesBeside(Class<?> anchor) {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<ClassModel> models = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        models.add(ClassFile.of().parse(Files.readAllBytes(file)));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (var entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            models.add(ClassFile.of().parse(in.readAllBytes()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(models).as("classes of %s at %s", anchor.getSimpleName(), location).isNotEmpty();
        return models.stream().filter(model -> model.thisClass().asInternalName().startsWith("dev/hatchery/"));
    }

    private static ClassModel parse(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return ClassFile.of().parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
