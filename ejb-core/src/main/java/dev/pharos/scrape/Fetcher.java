package dev.pharos.scrape;

/** Fetches a target's exposition body. The HTTP implementation is {@link HttpFetcher}. */
@FunctionalInterface
public interface Fetcher {

    /** The body (decompressed) and its Content-Type. */
    record Body(byte[] bytes, String contentType) {
    }

    Body fetch(Target target) throws ScrapeException, InterruptedException;
}
