package dev.pharos.tsdb;

/** The storage that scraping, rules and PromQL use: append and query. */
public interface Storage {

    Appender appender();

    Querier querier(long mint, long maxt);
}
