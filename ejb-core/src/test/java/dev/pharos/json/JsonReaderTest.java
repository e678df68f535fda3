package dev.pharos.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Map<String, Object> m = JsonReader.parseObject(
                " {\"a\": [1, -2.5e1, true, false, null], \"s\": \"x\\\"y\\u00e9\\n\", \"o\": {}, \"l\": []} ");
        assertEquals(Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false, null), m.get("a"));
        assertEquals("x\"y\u00e9\n", m.get("s"));
        assertEquals(Map.of(), m.get("o"));
        assertEquals(List.of(), m.get("l"));
    }

    @Test
    void saysWhereItIsWrong() {
        assertEquals("JSON at offset 7: expected , or }",
                assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\":1 \"b\":2}")).getMessage());
        assertEquals("JSON at offset 3: unexpected text after the value",
                assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[] x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\":"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parseObject("[1]"));
    }
}
