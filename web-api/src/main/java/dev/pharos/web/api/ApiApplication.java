package dev.pharos.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The Prometheus HTTP API v1 on :9090. */
@ApplicationPath("/api/v1")
public class ApiApplication extends Application {
}
