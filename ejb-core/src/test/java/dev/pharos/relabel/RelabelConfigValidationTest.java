package dev.pharos.relabel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelabelConfigValidationTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(RelabelConfig.builder().action(RelabelAction.HASHMOD).targetLabel("x").build(),
                        "relabel configuration for hashmod requires non-zero modulus"),
                Arguments.of(RelabelConfig.builder().regex("abcdef").build(),
                        "relabel configuration for replace action requires 'target_label' value"),
                Arguments.of(RelabelConfig.builder().action(RelabelAction.LOWERCASE).sourceLabels("__name__").build(),
                        "relabel configuration for lowercase action requires 'target_label' value"),
                Arguments.of(RelabelConfig.builder().action(RelabelAction.UPPERCASE).sourceLabels("__name__")
                                .targetLabel("__name__").replacement("bar").build(),
                        "'replacement' can not be set for uppercase action"),
                Arguments.of(RelabelConfig.builder().action(RelabelAction.KEEPEQUAL).sourceLabels("a")
                                .targetLabel("b").regex("foo").build(),
                        "keepequal action requires only 'source_labels' and `target_label`, and no other fields"),
                Arguments.of(RelabelConfig.builder().action(RelabelAction.LABELDROP).sourceLabels("a").build(),
                        "labeldrop action requires only 'regex', and no other fields"),
                Arguments.of(RelabelConfig.builder().action(RelabelAction.LABELKEEP).separator(",").build(),
                        "labelkeep action requires only 'regex', and no other fields"),
                Arguments.of(RelabelConfig.builder().targetLabel("foo.bar").nameValidation(NameValidation.LEGACY).build(),
                        "\"foo.bar\" is invalid 'target_label' for replace action"),
                Arguments.of(RelabelConfig.builder().targetLabel("1${1}").nameValidation(NameValidation.LEGACY).build(),
                        "\"1${1}\" is invalid 'target_label' for replace action"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejects(RelabelConfig cfg, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, cfg::validate);
        assertEquals(message, e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void acceptsTemplatesAndUtf8() {
        assertDoesNotThrow(() -> RelabelConfig.builder().targetLabel("${1}").build().validate());
        assertDoesNotThrow(() -> RelabelConfig.builder().targetLabel("foo_${1}")
                .nameValidation(NameValidation.LEGACY).build().validate());
        assertDoesNotThrow(() -> RelabelConfig.builder().targetLabel("foo.bar").build().validate());
        assertDoesNotThrow(() -> RelabelConfig.builder().action(RelabelAction.DROPEQUAL)
                .sourceLabels("foo").targetLabel("abc").build().validate());
    }
}
