package dev.hatchery.ops.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvStreamTests {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Every row of the file, streamed. */
    private static List<LabelledRow> rows(CsvStream csv) {
        List<LabelledRow> rows = new ArrayList<>();
        while (csv.hasNext()) {
            rows.add(csv.next());
        }
        return rows;
    }

    @Nested
    class Reading {

        @Test
        void streamsRowsWithWordLabelsAndKeepsAStrayCellAsNaN() throws IOException {
            Path file = write("prices.csv", """
                    # a comment
                    price,demand,class
                    0.5,0.25,UP
                    0.1,oops,DOWN
                    "0.7",0.9,UP
                    """);
            try (CsvStream csv = CsvStream.open(file, "class")) {
                assertThat(csv.schema().features()).containsExactly("price", "demand");
                assertThat(csv.schema().classes()).containsExactly("UP", "DOWN");
                assertThat(csv.rows()).isEqualTo(3);
                LabelledRow first = csv.next();
                assertThat(first.features()).containsExactly(0.5, 0.25);
                assertThat(first.label()).isZero();
                LabelledRow second = csv.next();
                assertThat(second.features()[1]).isNaN();
                assertThat(second.label()).isEqualTo(1);
                assertThat(csv.next().features()).containsExactly(0.7, 0.9);
                assertThat(csv.hasNext()).isFalse();
                assertThat(csv.skippedRows()).isZero();
            }
        }

        @Test
        void aQuotedLabelWithACommaStaysOneClass() throws IOException {
            Path file = write("mail.csv", """
                    links,"length, in words",verdict
                    3,120,"yes, phishing"
                    0,80,no
                    5,40, "yes, phishing"
                    1,9,"say ""hi""\"
                    """);
            try (CsvStream csv = CsvStream.open(file, "verdict")) {
                assertThat(csv.schema().features()).containsExactly("links", "length, in words");
                assertThat(csv.schema().classes()).containsExactly("yes, phishing", "no", "say \"hi\"");
                assertThat(rows(csv)).extracting(LabelledRow::label).containsExactly(0, 1, 0, 2);
            }
        }

        @Test
        void aHeaderWithAByteOrderMarkReadsTheSameColumnsAsOneWithout() throws IOException {
            String text = "attribute_0,attribute_1,class\n1,2,a\n3,4,b\n";
            try (CsvStream marked = CsvStream.open(write("marked.csv", "\ufeff" + text), "class");
                    CsvStream plain = CsvStream.open(write("plain.csv", text), "class")) {
                assertThat(marked.schema()).isEqualTo(plain.schema());
                assertThat(marked.schema().features()).containsExactly("attribute_0", "attribute_1");
                assertThat(marked.next().features()).containsExactly(1.0, 2.0);
            }
        }

        @Test
        void aByteOrderMarkBeforeTheLabelColumnFindsIt() throws IOException {
            try (CsvStream csv = CsvStream.open(write("first.csv", "\ufeffclass,x\na,1\nb,2\n"), "class")) {
                assertThat(csv.schema().features()).containsExactly("x");
                assertThat(csv.schema().classes()).containsExactly("a", "b");
            }
        }

        @Test
        void crlfLineEndsReadAsLf() throws IOException {
            Path file = write("windows.csv", "x,y,class\r\n1,2,a\r\n\r\n3,4,\"b\r\nc\"\r\n5,6,a\r\n");
            try (CsvStream csv = CsvStream.open(file, "class")) {
                assertThat(csv.schema().features()).containsExactly("x", "y");
                assertThat(csv.schema().classes()).containsExactly("a", "b\r\nc");
                assertThat(rows(csv)).extracting(LabelledRow::features)
                        .containsExactly(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6});
            }
        }

        @Test
        void skipsRowsWithAnEmptyLabelAndCountsThem() throws IOException {
            Path file = write("gaps.csv", "a,b,label\n1,2,x\n5,6,\n3,4,\"\"\n7,8,y\n");
            try (CsvStream csv = CsvStream.open(file, "label")) {
                assertThat(csv.schema().classes()).containsExactly("x", "y");
                assertThat(csv.rows()).isEqualTo(2);
                assertThat(csv.next().features()).containsExactly(1.0, 2.0);
                assertThat(csv.next().features()).containsExactly(7.0, 8.0);
                assertThat(csv.hasNext()).isFalse();
                assertThat(csv.skippedRows()).isEqualTo(2);
                assertThat(csv.firstSkippedRow()).isEqualTo("5,6,");
            }
        }

        @Test
        void aClassThatFirstAppearsOnTheLastRowIsOneOfTheClasses() throws IOException {
            StringBuilder text = new StringBuilder("f0,f1,f2,class\n");
            for (int i = 0; i < 5_000; i++) {
                text.append(i).append(',').append(i % 7).append(",0.5,").append(i % 2 == 0 ? "even" : "odd").append('\n');
            }
            text.append("1,1,1,late\n");
            try (CsvStream csv = CsvStream.open(write("late.csv", text.toString()), "class")) {
                assertThat(csv.schema().classes()).containsExactly("even", "odd", "late");
                assertThat(rows(csv)).hasSize(5_001).last().extracting(LabelledRow::label).isEqualTo(2);
            }
        }
    }

    @Nested
    class Refusals {

        @Test
        void aRowWithTooManyCellsIsRefusedWithItsLine() throws IOException {
            Path file = write("wide.csv", "x,y,class\n1,2,no\n3,4,yes, phishing\n");
            assertThatThrownBy(() -> CsvStream.open(file, "class"))
                    .isInstanceOf(InvalidCsvException.class)
                    .hasMessageContaining("wide.csv line 3 has 4 cell(s), the header 3 [x, y, class]")
                    .hasMessageContaining("quote a cell that holds a comma");
        }

        @Test
        void aRowWithTooFewCellsIsRefusedWithItsLine() throws IOException {
            Path file = write("short.csv", "# exported\nx,y,class\n1,2,a\n\n5,6\n7,8,b\n");
            assertThatThrownBy(() -> CsvStream.open(file, "class"))
                    .isInstanceOf(InvalidCsvException.class)
                    .hasMessageContaining("short.csv line 5 has 2 cell(s), the header 3");
        }

        @Test
        void aRaggedRowAfterAQuotedLineBreakIsNamedByTheLineItStartsOn() throws IOException {
            Path file = write("notes.csv", "x,note,class\n1,\"two\nlines\",a\n2,3\n");
            assertThatThrownBy(() -> CsvStream.open(file, "class"))
                    .hasMessageContaining("notes.csv line 4 has 2 cell(s)");
        }

        @Test
        void aNonNumericFeatureColumnIsRefusedWithItsNameAndFirstOffendingLine() throws IOException {
            Path file = write("mail.csv", """
                    links,verdict,label
                    3,spam,1
                    0,ham,0
                    7,spam,1
                    """);
            assertThatThrownBy(() -> CsvStream.open(file, "label"))
                    .isInstanceOf(InvalidCsvException.class)
                    .hasMessageContaining("column 'verdict' is not numeric: 3 of its 3 filled cells are not numbers,"
                            + " the first on line 2 ('spam')")
                    .hasMessageContaining("pass it as --label if it holds the class")
                    .hasMessageNotContaining("'links'");
        }

        @Test
        void everyNonNumericColumnIsNamedAtOnce() throws IOException {
            Path file = write("dated.csv", "day,price,empty,class\n2024-01-01,1.5,,a\n2024-01-02,NaN,,b\n2024-01-03,2,,a\n");
            assertThatThrownBy(() -> CsvStream.open(file, "class"))
                    .hasMessageContaining("column 'day' is not numeric: 3 of its 3 filled cells are not numbers, the"
                            + " first on line 2 ('2024-01-01')")
                    .hasMessageContaining("column 'empty' holds no number in any labelled row")
                    .hasMessageNotContaining("'price'");
        }

        @Test
        void anUnclosedQuoteIsRefused() throws IOException {
            Path file = write("open.csv", "x,class\n1,a\n2,\"b\n3,c\n");
            assertThatThrownBy(() -> CsvStream.open(file, "class"))
                    .isInstanceOf(InvalidCsvException.class)
                    .hasMessageContaining("open.csv")
                    .hasMessageContaining("startline 3")
                    .hasMessageContaining("close each quoted cell");
        }

        @Test
        void anEmptyFileIsRefused() throws IOException {
            Path file = write("empty.csv", "\ufeff\n# nothing\n");
            assertThatThrownBy(() -> CsvStream.open(file, "class"))
                    .isInstanceOf(InvalidCsvException.class)
                    .hasMessageContaining("empty.csv is empty: it needs a header row");
        }

        @Test
        void aMissingLabelColumnIsNamedWithTheColumnsThereAre() throws IOException {
            Path file = write("x.csv", "a,b\n1,2\n");
            assertThatThrownBy(() -> CsvStream.open(file, "label"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no column 'label'; its columns are [a, b]");
        }
    }
}
