package dev.hatchery.ops.command;

import com.hazelcast.query.Predicates;
import dev.hatchery.feedback.DataDriftState;
import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.WindowQuality;
import dev.hatchery.registry.Deployment;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chart}: a model's accuracy over time, one series per version (from its quality windows),
 * with its deployments, its latest drift signal and data drift marked, drawn by XChart into a PNG
 * or SVG file.
 */
@Command(name = "chart", mixinStandardHelpOptions = true,
        description = "Draw accuracy over time per version, with deployments and drift marked, into a PNG or SVG file.")
public final class ChartCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL")
    String model;

    @Option(names = "--out", required = true, paramLabel = "FILE.png|FILE.svg")
    Path out;

    @Option(names = "--since", paramLabel = "DURATION", converter = DurationText.class,
            description = "only the last DURATION, e.g. 30m, 6h, 2d (default: everything kept)")
    @Nullable Duration since;

    /** Series colours, one per version in ascending order (Tableau 10); other marks are grey and black. */
    static final List<Color> PALETTE = List.of(new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
            new Color(227, 119, 194), new Color(188, 189, 34), new Color(23, 190, 207));

    /** The kinds of file the chart can be written as, by file name ending. */
    enum Format { PNG, SVG }

    @Override
    public Integer call() throws IOException {
        Format format = format(out);
        // Drawing needs no display; without this a server with no X11 would fail.
        System.setProperty("java.awt.headless", "true");
        try (OperatorClient client = connection.connect("chart")) {
            Deployment serving = client.deployed(model);
            long from = since == null ? Long.MIN_VALUE : System.currentTimeMillis() - since.toMillis();
            Map<Integer, List<WindowQuality>> byVersion = quality(client, from);
            if (byVersion.isEmpty()) {
                throw new CommandFailure(ExitCode.NO_DATA, "model '" + model + "' has no labelled quality windows"
                        + (since == null ? "" : " in the last " + since) + " to chart: wait for labels to arrive"
                        + (since == null ? "" : ", or widen --since"));
            }
            XYChart chart = draw(client, serving, byVersion);
            write(chart, format);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: accuracy of %s over time (%d quality windows)%n",
                    out, byVersion.keySet().stream().map(v -> "v" + v).toList(),
                    byVersion.values().stream().mapToInt(List::size).sum());
            return ExitCode.OK.code();
        }
    }

    private static Format format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return Format.PNG;
        }
        if (name.endsWith(".svg")) {
            return Format.SVG;
        }
        throw new CommandFailure(ExitCode.USAGE, "--out " + file + " must end in .png or .svg");
    }

    /** Labelled windows of one kind (tumbling if any; sliding ones overlap), by version, oldest first. */
    private Map<Integer, List<WindowQuality>> quality(OperatorClient client, long fromMillis) {
        Collection<WindowQuality> rows = FeedbackMaps.ReadOnly.quality(client.hazelcast()).values(Predicates.equal("model", model));
        String kind = rows.stream().anyMatch(r -> r.windowKind().equals("tumbling")) ? "tumbling" : "sliding";
        Map<Integer, List<WindowQuality>> byVersion = new TreeMap<>();
        rows.stream().filter(r -> r.windowKind().equals(kind) && r.labelled() > 0 && r.windowEnd() >= fromMillis)
                .sorted(Comparator.comparingLong(WindowQuality::windowEnd))
                .forEach(r -> byVersion.computeIfAbsent(r.version(), v -> new ArrayList<>()).add(r));
        return byVersion;
    }

    private XYChart draw(OperatorClient client, Deployment serving, Map<Integer, List<WindowQuality>> byVersion) {
        XYChart chart = new XYChartBuilder().width(1000).height(500)
                .title("model '" + model + "': accuracy per version (serving v" + serving.version() + ")")
                .xAxisTitle("event time (window end, UTC)").yAxisTitle("accuracy").build();
        chart.getStyler().setDatePattern("MM-dd HH:mm").setYAxisMin(0.0).setYAxisMax(1.0)
                .setMarkerSize(4).setToolTipsEnabled(false);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int index = 0;
        for (Map.Entry<Integer, List<WindowQuality>> version : byVersion.entrySet()) {
            List<Date> x = version.getValue().stream().map(r -> new Date(r.windowEnd())).toList();
            List<Double> y = version.getValue().stream().map(WindowQuality::accuracy).toList();
            XYSeries series = chart.addSeries("v" + version.getKey(), x, y);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            Color colour = PALETTE.get(index++ % PALETTE.size());
            series.setLineColor(colour);
            series.setMarkerColor(colour);
            first = Math.min(first, version.getValue().getFirst().windowStart());
            last = Math.max(last, version.getValue().getLast().windowEnd());
        }
        for (Deployment d : client.registry().history(model)) {
            mark(chart, d.publishedAtMillis(), first, last, d.action().name().toLowerCase(Locale.ROOT) + " v"
                    + d.version(), 0.08);
        }
        DriftSignal signal = FeedbackMaps.ReadOnly.driftSignals(client.hazelcast()).get(model);
        if (signal != null) {
            mark(chart, signal.detectedAtEventTimeMillis(), first, last, "drift #" + signal.sequence(), 0.16);
        }
        DataDriftState drift = FeedbackMaps.ReadOnly.dataDrift(client.hazelcast()).get(model);
        if (drift != null && drift.drifted()) {
            mark(chart, drift.checkedAtMillis(), first, last, "data drift (" + drift.driftedFeatures() + ")", 0.24);
        }
        return chart;
    }

    /** A vertical line with a label near the bottom, if the moment is within the chart's time span. */
    private static void mark(XYChart chart, long atMillis, long first, long last, String text, double labelY) {
        if (atMillis < first || atMillis > last) {
            return;
        }
        chart.addAnnotation(new AnnotationLine(atMillis, true, false));
        chart.addAnnotation(new AnnotationText(text, atMillis, labelY, false));
    }

    private void write(XYChart chart, Format format) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream file = Files.newOutputStream(out)) {
            switch (format) {
                case PNG -> BitmapEncoder.saveBitmap(chart, file, BitmapEncoder.BitmapFormat.PNG);
                case SVG -> VectorGraphicsEncoder.saveVectorGraphic(chart, file,
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        }
    }
}
