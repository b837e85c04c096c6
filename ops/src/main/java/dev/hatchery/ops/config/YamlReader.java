package dev.hatchery.ops.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads one section of a parsed YAML tree with defaults, collecting problems instead of
 * stopping at the first, and noticing keys that nobody asked for (usually typos).
 */
final class YamlReader {

    private final Map<?, ?> values;
    private final String path;
    private final String source;
    private final List<String> problems;
    private final List<YamlReader> sections;
    private final Set<String> asked = new LinkedHashSet<>();

    private YamlReader(Map<?, ?> values, String path, String source, List<String> problems, List<YamlReader> sections) {
        this.values = values;
        this.path = path;
        this.source = source;
        this.problems = problems;
        this.sections = sections;
        sections.add(this);
    }

    static YamlReader root(Object tree, String source) {
        List<String> problems = new ArrayList<>();
        if (!(tree instanceof Map<?, ?> map)) {
            problems.add(source + ": the top level must be a mapping of sections, got " + describe(tree));
            return new YamlReader(Map.of(), "", source, problems, new ArrayList<>());
        }
        return new YamlReader(map, "", source, problems, new ArrayList<>());
    }

    YamlReader section(String key) {
        Object value = raw(key);
        if (value == null) {
            return new YamlReader(Map.of(), qualified(key), source, problems, sections);
        }
        if (value instanceof Map<?, ?> map) {
            return new YamlReader(map, qualified(key), source, problems, sections);
        }
        problem(key, value, "a mapping of keys");
        return new YamlReader(Map.of(), qualified(key), source, problems, sections);
    }

    /** The keys of a section whose keys are names the user chose (models, say), each a section itself. */
    List<String> names() {
        List<String> names = values.keySet().stream().map(String::valueOf).toList();
        asked.addAll(names);
        return names;
    }

    String string(String key, String fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        problem(key, value, "a non-empty string");
        return fallback;
    }

    /** Like {@link #string}, but "" is a value too (say, "no schedule"). */
    String stringOrEmpty(String key, String fallback) {
        Object value = raw(key);
        return value instanceof String s && s.isBlank() ? "" : string(key, fallback);
    }

    String oneOf(String key, String fallback, List<String> allowed) {
        String value = string(key, fallback);
        if (!allowed.contains(value)) {
            problem(key, value, "one of " + allowed);
            return fallback;
        }
        return value;
    }

    /**
     * A string read by {@code parser}, e.g. a learner's text; a value the parser refuses is a
     * problem of this key, with the parser's reason for what is allowed.
     */
    <T> T parsed(String key, T fallback, Function<String, T> parser) {
        if (!has(key)) {
            return fallback;
        }
        String text = string(key, "");
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(source + ": " + qualified(key) + " is " + describe(text) + ": " + e.getMessage());
            return fallback;
        }
    }

    int integer(String key, int fallback, int min, int max) {
        long value = longValue(key, fallback);
        if (value < min || value > max) {
            problem(key, value, "an integer from " + min + " to " + max);
            return fallback;
        }
        return (int) value;
    }

    long longValue(String key, long fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        problem(key, value, "an integer");
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problem(key, value, "true or false");
        return fallback;
    }

    double decimal(String key, double fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        problem(key, value, "a number");
        return fallback;
    }

    List<String> strings(String key, List<String> fallback) {
        return strings(key, fallback, false);
    }

    /** A list of strings, which may be empty if {@code emptyAllowed}. */
    List<String> strings(String key, List<String> fallback, boolean emptyAllowed) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof List<?> list && (emptyAllowed || !list.isEmpty())) {
            return list.stream().map(String::valueOf).toList();
        }
        problem(key, value, emptyAllowed ? "a list" : "a non-empty list");
        return fallback;
    }

    /** Builds a settings record, turning its own validation errors into problems of the file. */
    <T> T build(Supplier<T> constructor, T fallback) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            // Settings records report all their problems in one message: "invalid x settings: a; b".
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            String list = message.startsWith("invalid ") && colon > 0 ? message.substring(colon + 2) : message;
            for (String problem : list.split("; ")) {
                problems.add(source + ": " + problem);
            }
            return fallback;
        }
    }

    void failIfProblems() {
        for (YamlReader section : sections) {
            for (Object key : section.values.keySet()) {
                if (!section.asked.contains(String.valueOf(key))) {
                    problems.add(source + ": unknown key '" + section.qualified(String.valueOf(key)) + "'; known keys there are "
                            + section.asked);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Whether the key is given (it then counts as asked for). */
    boolean has(String key) {
        return raw(key) != null;
    }

    private Object raw(String key) {
        asked.add(key);
        return values.get(key);
    }

    private void problem(String key, Object value, String allowed) {
        problems.add(source + ": " + qualified(key) + " is " + describe(value) + "; it must be " + allowed);
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
