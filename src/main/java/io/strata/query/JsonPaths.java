package io.strata.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The original JSON path of every label the {@code json} parser extracts from a line
 * ({@code user_id} ← {@code ["user","id"]}): nested object keys joined with {@code _}, invalid
 * label characters replaced by {@code _}; arrays are not descended, as Loki's parser skips them.
 */
final class JsonPaths {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonPaths() {}

    static Map<String, List<String>> of(String line) {
        Map<String, List<String>> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            Deque<String> path = new ArrayDeque<>();
            walk(p, path, out);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    private static void walk(JsonParser p, Deque<String> path, Map<String, List<String>> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            path.addLast(key);
            if (t == JsonToken.START_OBJECT) {
                walk(p, path, out);
            } else if (t == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else {
                List<String> components = new ArrayList<>(path);
                StringBuilder name = new StringBuilder();
                for (String c : components) {
                    if (!name.isEmpty()) {
                        name.append('_');
                    }
                    name.append(sanitize(c));
                }
                out.putIfAbsent(name.toString(), List.copyOf(components));
            }
            path.removeLast();
        }
    }

    private static String sanitize(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            b.append(ok ? c : '_');
        }
        return b.toString();
    }
}
