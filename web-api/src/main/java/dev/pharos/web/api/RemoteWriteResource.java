package dev.pharos.web.api;

import dev.pharos.remote.MalformedProtobufException;
import dev.pharos.remote.RemoteWriteHandler;
import dev.pharos.service.StorageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xerial.snappy.Snappy;

/**
 * The Remote Write 1.0 receiver, {@code POST /api/v1/write}: a snappy block-compressed
 * {@code prometheus.WriteRequest}. 204 when everything was stored; 400 (never retried by
 * senders) for a body that does not decode, in which case nothing is stored, and for samples
 * the storage rejects (out of order, duplicate, too old), in which case the valid rest is kept.
 * Role: pusher (it writes samples, like the Pushgateway API).
 */
@Path("/write")
@RequestScoped
@RolesAllowed(Roles.PUSHER)
public class RemoteWriteResource {

    private static final Logger LOG = Logger.getLogger(RemoteWriteResource.class.getName());
    /** Refuse bodies that would decompress to more than this (Prometheus sends ~ 2000 samples). */
    static final int MAX_UNCOMPRESSED = 256 << 20;

    @Inject
    StorageService storage;

    @POST
    public Response write(@HeaderParam("Content-Type") String contentType, byte[] body) {
        if (contentType != null && contentType.replace(" ", "").contains("proto=io.prometheus.write.v2.Request")) {
            // Remote Write 2.0 is not implemented; 415 tells a 2.0 sender to fall back to 1.0.
            return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("unsupported remote write protobuf message io.prometheus.write.v2.Request; "
                            + "use prometheus.WriteRequest (Remote Write 1.0)\n").build();
        }
        byte[] raw;
        try {
            if (body == null || body.length == 0) {
                return bad("empty body");
            }
            if (!Snappy.isValidCompressedBuffer(body)) {
                return bad("snappy: corrupt input (the body must be snappy block-compressed)");
            }
            int n = Snappy.uncompressedLength(body);
            if (n < 0 || n > MAX_UNCOMPRESSED) {
                return bad("decompressed body too large: " + n + " bytes");
            }
            raw = Snappy.uncompress(body);
        } catch (IOException e) {
            return bad("snappy: " + e.getMessage());
        }
        try {
            RemoteWriteHandler.Result r = new RemoteWriteHandler(storage.storage()).write(raw, 0, raw.length);
            if (r.rejected() > 0) {
                LOG.log(Level.FINE, "remote write rejected {0} samples: {1}", new Object[] {r.rejected(), r.firstError()});
                return bad(r.rejected() + " samples rejected, first: " + r.firstError());
            }
            return Response.noContent().build();
        } catch (MalformedProtobufException e) {
            return bad("decode WriteRequest: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
    }

    private static Response bad(String message) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE).entity(message + "\n").build();
    }
}
