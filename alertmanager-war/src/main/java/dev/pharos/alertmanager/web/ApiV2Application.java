package dev.pharos.alertmanager.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The Alertmanager API v2 on :9093. */
@ApplicationPath("/api/v2")
public class ApiV2Application extends Application {
}
