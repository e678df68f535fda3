package dev.pharos.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.alertmanager.config.ConfigException;
import dev.pharos.alertmanager.config.ConfigLoader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeIntervalTest {

    static TimeInterval interval(String spec) {
        String yaml = "route: {receiver: r}\nreceivers: [{name: r}]\ntime_intervals:\n  - name: t\n    time_intervals:\n"
                + "      - " + spec.replace("\n", "\n        ") + "\n";
        return ConfigLoader.load(yaml).timeIntervals().get("t").get(0);
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "times: [{start_time: '09:00', end_time: '17:00'}]|2024-01-01T09:00:00Z|true",
        "times: [{start_time: '09:00', end_time: '17:00'}]|2024-01-01T16:59:59Z|true",
        "times: [{start_time: '09:00', end_time: '17:00'}]|2024-01-01T17:00:00Z|false",
        "times: [{start_time: '17:00', end_time: '24:00'}]|2024-01-01T23:59:00Z|true",
        "weekdays: ['monday:friday']|2024-01-01T12:00:00Z|true",
        "weekdays: ['saturday', 'sunday']|2024-01-01T12:00:00Z|false",
        "weekdays: ['Sunday']|2024-01-07T12:00:00Z|true",
        "days_of_month: ['-1']|2024-02-29T12:00:00Z|true",
        "days_of_month: ['-1']|2024-02-28T12:00:00Z|false",
        "days_of_month: ['1:5', '-3:-1']|2024-01-30T00:00:00Z|true",
        "days_of_month: ['1:31']|2024-02-29T00:00:00Z|true",
        "months: ['may:august', 'december']|2024-12-31T00:00:00Z|true",
        "months: ['1:3']|2024-04-01T00:00:00Z|false",
        "years: ['2020:2022', '2024']|2024-06-01T00:00:00Z|true",
        "years: ['2020:2022']|2023-06-01T00:00:00Z|false",
        "{times: [{start_time: '09:00', end_time: '17:00'}], location: 'Australia/Sydney'}|2024-01-01T00:00:00Z|true",
        "{times: [{start_time: '09:00', end_time: '17:00'}], location: 'Australia/Sydney'}|2024-01-01T12:00:00Z|false",
    })
    void contains(String spec, String at, boolean expected) {
        assertEquals(expected, interval(spec).contains(Instant.parse(at)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "times: [{start_time: '17:00', end_time: '09:00'}]|start time cannot be equal or greater than end time",
        "weekdays: ['friday:monday']|start day cannot be before end day",
        "days_of_month: ['0']|0 is not a valid day of the month: out of range",
        "weekdays: ['someday']|someday is not a valid weekday",
    })
    void invalid(String spec, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> interval(spec));
        assertEquals(reason, e.reason());
        assertEquals(List.of(), List.of());
    }
}
