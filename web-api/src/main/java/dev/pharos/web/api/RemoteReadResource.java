package dev.pharos.web.api;

import dev.pharos.remote.MalformedProtobufException;
import dev.pharos.remote.ReadRequest;
import dev.pharos.remote.RemoteReadHandler;
import dev.pharos.service.StorageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * Remote read, {@code POST /api/v1/read}: a snappy-compressed {@code prometheus.ReadRequest}
 * answered either with a snappy-compressed ReadResponse (SAMPLES) or with streamed
 * ChunkedReadResponse frames (STREAMED_XOR_CHUNKS), whichever the client lists first.
 * Role: reader.
 */
@Path("/read")
@RequestScoped
@RolesAllowed(Roles.READER)
public class RemoteReadResource {

    static final String STREAMED = "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse";

    @Inject
    StorageService storage;

    @POST
    public Response read(byte[] body) throws IOException {
        ReadRequest req;
        try {
            if (body == null || !Snappy.isValidCompressedBuffer(body)) {
                return bad("snappy: corrupt input (the body must be snappy block-compressed)");
            }
            byte[] raw = Snappy.uncompress(body);
            req = ReadRequest.decode(raw, 0, raw.length);
        } catch (IOException e) {
            return bad("snappy: " + e.getMessage());
        } catch (MalformedProtobufException e) {
            return bad("decode ReadRequest: " + e.getMessage());
        }
        RemoteReadHandler h = new RemoteReadHandler(storage.storage());
        if (RemoteReadHandler.negotiate(req) == ReadRequest.ResponseType.STREAMED_XOR_CHUNKS) {
            StreamingOutput out = os -> h.streamChunks(req, os);
            return Response.ok(out).header("Content-Type", STREAMED).build();
        }
        byte[] resp = Snappy.compress(h.samples(req));
        return Response.ok(resp)
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .build();
    }

    private static Response bad(String message) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE).entity(message + "\n").build();
    }
}
