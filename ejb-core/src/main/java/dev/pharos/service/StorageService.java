package dev.pharos.service;

import dev.pharos.tsdb.MemoryStorage;
import dev.pharos.tsdb.Storage;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Logger;

/**
 * Owns the storage that scraping, rules and queries share, and says when it has loaded
 * (the server's /-/ready waits for it).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StorageService {

    private static final Logger LOG = Logger.getLogger(StorageService.class.getName());

    private volatile Storage storage;
    private volatile boolean ready;

    @PostConstruct
    void open() {
        storage = new MemoryStorage();
        ready = true;
        LOG.info("Storage ready (in-memory)");
    }

    public Storage storage() {
        return storage;
    }

    public boolean isReady() {
        return ready;
    }
}
