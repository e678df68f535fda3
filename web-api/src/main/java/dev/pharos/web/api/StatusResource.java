package dev.pharos.web.api;

import dev.pharos.config.ConfigYamlWriter;
import dev.pharos.config.PrometheusConfig;
import dev.pharos.service.BuildInfo;
import dev.pharos.service.ConfigService;
import dev.pharos.service.Settings;
import dev.pharos.service.StorageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;

/** /api/v1/status/config, buildinfo, runtimeinfo and flags. Role: reader. */
@Path("/status")
@RequestScoped
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    Settings settings;

    @Inject
    StorageService storage;

    @Inject
    ConfigService config;

    /** The running configuration as YAML, every secret shown as {@code <secret>}. */
    @GET
    @Path("/config")
    public Response config() {
        PrometheusConfig c = config.current();
        String yaml = c == null ? "" : ConfigYamlWriter.write(c);
        return ApiResponse.success(json -> json.beginObject().member("yaml", yaml).endObject());
    }

    @GET
    @Path("/buildinfo")
    public Response buildInfo() {
        return ApiResponse.success(json -> json.beginObject()
                .member("version", BuildInfo.VERSION)
                .member("revision", BuildInfo.REVISION)
                .member("branch", BuildInfo.BRANCH)
                .member("buildUser", BuildInfo.BUILD_USER)
                .member("buildDate", BuildInfo.BUILD_DATE)
                .member("goVersion", "java" + BuildInfo.JAVA_VERSION)
                .endObject());
    }

    @GET
    @Path("/runtimeinfo")
    public Response runtimeInfo() {
        Runtime rt = Runtime.getRuntime();
        return ApiResponse.success(json -> json.beginObject()
                .member("startTime", DateTimeFormatter.ISO_INSTANT.format(BuildInfo.START_TIME))
                .member("CWD", System.getProperty("user.dir"))
                .member("hostname", hostname())
                .member("serverTime", DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.now()))
                .member("reloadConfigSuccess", config.lastReloadSuccessful())
                .member("lastConfigTime", DateTimeFormatter.ISO_INSTANT.format(config.lastReloadSuccess()))
                .member("corruptionCount", 0)
                .member("goroutineCount", Thread.activeCount())
                .member("GOMAXPROCS", rt.availableProcessors())
                .member("GOMEMLIMIT", rt.maxMemory())
                .member("GOGC", "")
                .member("GODEBUG", "")
                .member("storageRetention", settings.flags().get("storage.tsdb.retention.time"))
                .endObject());
    }

    @GET
    @Path("/flags")
    public Response flags() {
        return ApiResponse.success(json -> json.stringMap(settings.flags()));
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
