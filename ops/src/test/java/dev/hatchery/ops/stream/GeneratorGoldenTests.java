package dev.hatchery.ops.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generators reproduce MOA 2024.07.0's reference outputs exactly, row by row. */
class GeneratorGoldenTests {

    static Stream<Arguments> goldenFiles() {
        List<Arguments> files = new ArrayList<>();
        for (int f = 1; f <= 4; f++) {
            int function = f;
            files.add(Arguments.of("sea_f" + f + "_seed1.csv", (Supplier<LabelledStream>) () -> new SeaGenerator(function, 1, 10, false)));
        }
        for (int f = 1; f <= 10; f++) {
            int function = f;
            files.add(Arguments.of("agrawal_f" + f + "_seed1.csv",
                    (Supplier<LabelledStream>) () -> new AgrawalGenerator(function, 1, 0.05, false)));
        }
        for (int f = 1; f <= 3; f++) {
            int function = f;
            files.add(Arguments.of("stagger_f" + f + "_seed1.csv",
                    (Supplier<LabelledStream>) () -> new StaggerGenerator(function, 1, false)));
        }
        files.add(Arguments.of("hyperplane_t0.001_k2_seed1.csv",
                (Supplier<LabelledStream>) () -> new HyperplaneGenerator(10, 2, 0.001, 5, 10, 1)));
        files.add(Arguments.of("rbfdrift_c5_s0.001_seed1.csv",
                (Supplier<LabelledStream>) () -> new RandomRbfDriftGenerator(1, 1, 5, 10, 50, 0.001, 50)));
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void reproducesMoaRowForRow(String file, Supplier<LabelledStream> generator) throws IOException {
        Path golden = SharedData.require().resolve("synthetic/moa_golden").resolve(file);
        List<String> expected = Files.readAllLines(golden).stream()
                .filter(line -> !line.startsWith("#")).skip(1).filter(line -> !line.isBlank()).toList();
        LabelledStream stream = generator.get();
        assertThat(expected).hasSize(1_000);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(render(stream.next())).as("%s row %d", file, i + 1).isEqualTo(expected.get(i));
        }
    }

    /**
     * The summary's four nested streams: widths 50 (abrupt) and 50,000 (gradual). As its MOA
     * command lines say, the third concept has no -f, so it is f1 again.
     */
    static Stream<Arguments> nestedStreams() {
        return Stream.of(
                Arguments.of("SEA_a", (Supplier<LabelledStream>) () -> sea(50)),
                Arguments.of("SEA_g", (Supplier<LabelledStream>) () -> sea(50_000)),
                Arguments.of("AGR_a", (Supplier<LabelledStream>) () -> agrawal(50)),
                Arguments.of("AGR_g", (Supplier<LabelledStream>) () -> agrawal(50_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nestedStreams")
    void theNestedMillionRowStreamsMatchTheirPublishedHashes(String name, Supplier<LabelledStream> stream)
            throws IOException {
        Path summary = SharedData.require().resolve("synthetic/moa_golden/standard_1M_streams_summary.tsv");
        Map<String, String> hashes = new java.util.HashMap<>();
        List<String> lines = Files.readAllLines(summary);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t");
            hashes.put(columns[0], columns[columns.length - 1].trim());
        }
        assertThat(hashes).containsKey(name);
        assertThat(sha256(stream.get(), 1_000_000)).as(name).isEqualTo(hashes.get(name));
    }

    private static LabelledStream sea(int width) {
        return nested(width, new SeaGenerator(1, 1, 10, false), new SeaGenerator(2, 1, 10, false),
                new SeaGenerator(1, 1, 10, false), new SeaGenerator(4, 1, 10, false));
    }

    private static LabelledStream agrawal(int width) {
        return nested(width, new AgrawalGenerator(1, 1, 0.05, false), new AgrawalGenerator(2, 1, 0.05, false),
                new AgrawalGenerator(1, 1, 0.05, false), new AgrawalGenerator(4, 1, 0.05, false));
    }

    private static LabelledStream nested(int width, LabelledStream... concepts) {
        LabelledStream stream = concepts[concepts.length - 1];
        for (int i = concepts.length - 2; i >= 0; i--) {
            stream = new ConceptDriftStream(concepts[i], stream, 250_000, width, 1);
        }
        return stream;
    }

    static String render(LabelledRow row) {
        StringBuilder line = new StringBuilder();
        for (double value : row.features()) {
            line.append(value).append(',');
        }
        return line.append(row.label()).toString();
    }

    private static String sha256(LabelledStream stream, int rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < rows; i++) {
                digest.update((render(stream.next()) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
