package dev.pharos.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One rule group as written in a rule file. {@code interval} and {@code queryOffset} are null
 * when the file leaves them to the global defaults; {@code limit} 0 means no limit.
 */
public record GroupSpec(String name, String file, Duration interval, Duration queryOffset, int limit,
        Map<String, String> labels, List<RuleSpec> rules) {
}
