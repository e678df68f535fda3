package dev.pharos.web.api;

import dev.pharos.json.JsonWriter;
import dev.pharos.persistence.BlockCatalog;
import dev.pharos.persistence.BlockCatalogEntry;
import dev.pharos.service.StorageService;
import dev.pharos.tsdb.HeadStats;
import dev.pharos.tsdb.wal.WalReplayProgress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;

/**
 * /api/v1/status/tsdb and /api/v1/status/walreplay, and Pharos's own
 * /api/v1/status/tsdb/blocks (the block catalog). Role: reader.
 */
@Path("/status")
@RequestScoped
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class TsdbStatusResource {

    @Inject
    StorageService storage;

    @Inject
    BlockCatalog catalog;

    @GET
    @Path("/tsdb/blocks")
    public Response blocks() {
        storage.syncCatalog();
        List<BlockCatalogEntry> entries = catalog.all();
        return ApiResponse.success(json -> {
            json.beginArray();
            for (BlockCatalogEntry e : entries) {
                json.beginObject().member("ulid", e.ulid()).member("minTime", e.minTime())
                        .member("maxTime", e.maxTime()).member("numSamples", e.numSamples())
                        .member("numSeries", e.numSeries()).member("level", e.level()).endObject();
            }
            json.endArray();
        });
    }

    @GET
    @Path("/tsdb")
    public Response tsdb(@QueryParam("limit") @DefaultValue("10") int limit) {
        if (limit < 1) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, "limit must be a positive number");
        }
        HeadStats h = storage.tsdb().headStats(limit);
        return ApiResponse.success(json -> {
            json.beginObject().name("headStats").beginObject()
                    .member("numSeries", h.numSeries())
                    .member("numLabelPairs", h.numLabelPairs())
                    .member("chunkCount", h.chunkCount())
                    .member("minTime", h.numSeries() == 0 ? -1 : h.minTime())
                    .member("maxTime", h.numSeries() == 0 ? -1 : h.maxTime())
                    .endObject();
            entries(json, "seriesCountByMetricName", h.seriesCountByMetricName());
            entries(json, "labelValueCountByLabelName", h.labelValueCountByLabelName());
            entries(json, "memoryInBytesByLabelName", h.memoryInBytesByLabelName());
            entries(json, "seriesCountByLabelValuePair", h.seriesCountByLabelValuePair());
            json.endObject();
        });
    }

    private static void entries(JsonWriter json, String name, List<HeadStats.Entry> list) throws IOException {
        json.name(name).beginArray();
        for (HeadStats.Entry e : list) {
            json.beginObject().member("name", e.name()).member("value", e.value()).endObject();
        }
        json.endArray();
    }

    @GET
    @Path("/walreplay")
    public Response walReplay() {
        WalReplayProgress w = storage.walReplayProgress();
        WalReplayProgress.State state = w.state();
        return ApiResponse.success(json -> json.beginObject()
                .member("min", Math.max(0, w.min()))
                .member("max", Math.max(0, w.max()))
                .member("current", Math.max(0, w.current()))
                .member("state", state.wire())
                .endObject());
    }
}
