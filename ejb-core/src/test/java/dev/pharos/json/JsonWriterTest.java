package dev.pharos.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonWriterTest {

    private static String write(ThrowingWrite w, int buffer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter j = new JsonWriter(out, buffer)) {
            w.accept(j);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingWrite {
        void accept(JsonWriter j) throws Exception;
    }

    @Test
    void placesCommasInNestedStructures() throws Exception {
        String s = write(j -> j.beginObject()
                .member("status", "success")
                .name("data").beginArray()
                .beginObject().member("a", 1).endObject()
                .beginArray().value("x").value(true).nullValue().endArray()
                .endArray()
                .member("b", false)
                .endObject(), 16 * 1024);
        assertEquals("{\"status\":\"success\",\"data\":[{\"a\":1},[\"x\",true,null]],\"b\":false}", s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a\"b|\"a\\\"b\"",
        "back\\slash|\"back\\\\slash\"",
        "é€𝄞|\"é€𝄞\"",
        "<tag>&|\"\\u003ctag\\u003e\\u0026\""
    })
    void escapesStrings(String in, String expected) throws Exception {
        assertEquals(expected, write(j -> j.value(in), 16 * 1024));
    }

    @Test
    void escapesControlCharacters() throws Exception {
        assertEquals("\"\\n\\t\\u0001\"", write(j -> j.value("\n\t\u0001"), 16 * 1024));
    }

    @Test
    void tinyBufferGivesTheSameBytesAsALargeOne() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("list", List.of("α", "βγ", 3, 2.5, Map.of("k", "v")));
        tree.put("n", null);
        String big = write(j -> j.tree(tree), 16 * 1024);
        String tiny = write(j -> j.tree(tree), 4);
        assertEquals(big, tiny);
        assertEquals("{\"list\":[\"α\",\"βγ\",3,2.5,{\"k\":\"v\"}],\"n\":null}", big);
    }
}
