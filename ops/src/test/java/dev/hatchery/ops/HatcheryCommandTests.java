package dev.hatchery.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HatcheryCommandTests {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Hatchery.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    @Test
    void badDemoOptionsAreRefusedWithEveryReasonBeforeAnythingStarts() {
        assertThat(run("demo", "--events", "50", "--rate", "0", "--csv", "x.csv")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--events must be 100 or more, got 50")
                .contains("--rate must be 1 or more events per second, got 0")
                .contains("--csv and --label go together");
    }

    @Test
    void aDemoCsvThatCannotBeReplayedIsRefusedWithItsLineBeforeAMemberStarts(@TempDir Path dir) throws Exception {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "x,y,verdict\n1,2,no\n3,4,yes, phishing\n");
        assertThat(run("demo", "--csv", ragged.toString(), "--label", "verdict")).isEqualTo(18);
        assertThat(err.toString()).contains("ragged.csv line 3 has 4 cell(s), the header 3");

        Path dated = Files.writeString(dir.resolve("dated.csv"), "day,price,class\n2024-01-01,1.5,a\n2024-01-02,2,b\n");
        assertThat(run("demo", "--csv", dated.toString(), "--label", "class")).isEqualTo(18);
        assertThat(err.toString()).contains("column 'day' is not numeric", "the first on line 2 ('2024-01-01')");
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        assertThat(run("node", "--config", "/no/such/hatchery.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("configuration file /no/such/hatchery.yaml does not exist");
    }

    @Test
    void anInvalidConfigurationListsItsProblems(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "trainer:\n  window:\n    minRows: 5\n    maxRows: 2\n");
        assertThat(run("node", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("trainer.window.minRows must be 10 or more, got 5")
                .contains("trainer.window.maxRows must be at least minRows (5), got 2");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo", "node");
    }
}
