package dev.pharos.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardCountTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                          | s/sample | in/s    | pending | current | min | max | want
            unknown send time keeps          | NaN      | 100000  | 0       | 3       | 1   | 50  | 3
            idle goes down to min            | 0.00001  | 0       | 0       | 8       | 1   | 50  | 1
            needs 10 shards                  | 0.0001   | 100000  | 0       | 1       | 1   | 50  | 10
            within 30 percent keeps          | 0.0001   | 11000   | 0       | 1       | 1   | 50  | 1
            backlog adds shards              | 0.0001   | 10000   | 100000  | 1       | 1   | 50  | 2
            capped at max                    | 0.001    | 1000000 | 0       | 1       | 1   | 50  | 50
            floor at min                     | 0.0000001| 10      | 0       | 5       | 2   | 50  | 2
            fractional rounds up             | 0.0001   | 25000   | 0       | 1       | 1   | 50  | 3
            """)
    void desiredShards(String name, double secondsPerSample, double inRate, long pending, int current, int min,
            int max, int want) {
        assertEquals(want, ShardCount.desired(secondsPerSample, inRate, pending, current, min, max));
    }
}
