package dev.hatchery.registry;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The text of a {@code CREATE MAPPING} for a map with {@code VARCHAR} keys and Compact values,
 * shared by every module so that all of Hatchery's maps are queried alike: column names in
 * snake_case, whatever the field is called.
 */
public final class SqlMappings {

    private SqlMappings() {
    }

    /**
     * @param map         the map's name, also the mapping's name
     * @param compactType the Compact type name of the values
     * @param columns     {@code "field TYPE"} pairs, e.g. {@code "eventTimeMillis BIGINT"}
     */
    public static String compact(String map, String compactType, String... columns) {
        String list = Arrays.stream(columns).map(SqlMappings::column).collect(Collectors.joining(", "));
        return "CREATE OR REPLACE MAPPING \"" + map + "\" (" + list + ") TYPE IMap OPTIONS ("
                + "'keyFormat' = 'varchar', "
                + "'valueFormat' = 'compact', "
                + "'valueCompactTypeName' = '" + compactType + "')";
    }

    private static String column(String fieldAndType) {
        String[] parts = fieldAndType.trim().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("column '" + fieldAndType + "' must be 'field TYPE'");
        }
        String field = parts[0];
        return "\"" + snakeCase(field) + "\" " + parts[1] + " EXTERNAL NAME \"this." + field + "\"";
    }

    static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
